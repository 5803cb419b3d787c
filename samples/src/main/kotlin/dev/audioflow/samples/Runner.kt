package dev.audioflow.samples

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Runs [body] until it returns, or until the process is interrupted (Ctrl-C, SIGINT, SIGTERM).
 *
 * On interruption the JVM runs its shutdown hooks before exiting; the hook installed here
 * cancels [body] and waits (up to [GRACE_MILLIS]) for its `finally` blocks to finish, so a WAV
 * writer fixes its header and streams close before the process ends. [body] runs on
 * [Dispatchers.Default]; its exception is rethrown.
 */
fun <T> runInterruptible(body: suspend CoroutineScope.() -> T): T = runBlocking {
    val work = async(Dispatchers.Default) { body() }
    val interrupted = AtomicBoolean()
    val hook = Thread({
        interrupted.set(true)
        work.cancel(CancellationException("interrupted"))
        runBlocking { withTimeoutOrNull(GRACE_MILLIS) { work.join() } }
    }, "audioflow-interrupt")
    Runtime.getRuntime().addShutdownHook(hook)
    try {
        work.await()
    } catch (e: CancellationException) {
        if (interrupted.get()) throw InterruptedBySignal()
        throw e
    } finally {
        try {
            Runtime.getRuntime().removeShutdownHook(hook)
        } catch (_: IllegalStateException) {
            // The JVM is already shutting down: the hook is running and finishes the work.
        }
    }
}

/** Thrown on the main thread when a signal stopped the command; the program then exits quietly. */
class InterruptedBySignal : RuntimeException("interrupted")

/** How long an interrupted command may take to close its files and streams. */
const val GRACE_MILLIS: Long = 5_000
