package dev.audioflow.java

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CompletableFuture

/**
 * Waits until this job has completed, whatever an interrupt says: for `close()`, which
 * [AutoCloseable] in try-with-resources does not let throw [InterruptedException] and which must
 * not return before the device is closed. An interrupt pending on entry or arriving meanwhile is
 * kept: the thread's interrupt flag is set again on return, for the caller's next blocking call.
 */
internal fun Job.joinUninterruptibly() {
    // CompletableFuture.join waits uninterruptibly and sets the interrupt flag again afterwards.
    completion().join()
}

/** Completes when this job has: a future a Java thread can wait on, interruptibly (`get`) or not (`join`). */
internal fun Job.completion(): CompletableFuture<Unit> {
    val completed = CompletableFuture<Unit>()
    invokeOnCompletion { completed.complete(Unit) }
    return completed
}

/**
 * Runs [body], a computation that never waits for anything, on the calling thread; unlike a bare
 * `runBlocking`, a pending interrupt is left pending instead of being thrown as an
 * [InterruptedException] that a method without `throws` could not declare.
 */
internal fun <T> computeUninterruptibly(body: suspend CoroutineScope.() -> T): T {
    val interrupted = Thread.interrupted()
    try {
        return runBlocking(block = body)
    } finally {
        if (interrupted) Thread.currentThread().interrupt()
    }
}
