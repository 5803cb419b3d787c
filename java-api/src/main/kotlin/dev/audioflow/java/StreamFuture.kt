package dev.audioflow.java

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException

/**
 * The result of audio work running on its own [StreamThread], as a [CompletableFuture] whose
 * [cancel] stops the work and returns only once the devices it opened are closed.
 */
internal class StreamFuture<T> private constructor(kind: String) : CompletableFuture<T>() {
    private val thread = StreamThread(kind)
    private val finished = CompletableFuture<Unit>()
    private lateinit var job: Job

    override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
        val cancelled = super.cancel(mayInterruptIfRunning)
        job.cancel()
        if (!thread.isCurrent) finished.join()
        return cancelled
    }

    /**
     * Blocks until the work ends and returns its result; interrupted, it stops the work, waits
     * for the devices to close and throws [InterruptedException]. A failure is rethrown as it
     * is when unchecked, as a [CallbackException] when checked.
     */
    fun await(): T = try {
        get()
    } catch (e: InterruptedException) {
        cancel(true)
        throw e
    } catch (e: ExecutionException) {
        throw unchecked(e.cause ?: e)
    }

    private fun start(body: suspend CoroutineScope.() -> T): StreamFuture<T> {
        job = thread.scope.launch { complete(body()) }
        job.invokeOnCompletion { cause ->
            thread.close()
            if (cause != null) {
                val real = unwrapCancellation(cause)
                if (real is kotlinx.coroutines.CancellationException) super.cancel(false) else completeExceptionally(real)
            }
            finished.complete(Unit)
        }
        return this
    }

    companion object {
        /** Starts [body] on a new thread named after [kind]. */
        fun <T> start(kind: String, body: suspend CoroutineScope.() -> T): StreamFuture<T> = StreamFuture<T>(kind).start(body)

        /** Runs [body] on a new thread named after [kind] and blocks until it ends; see [await]. */
        fun <T> run(kind: String, body: suspend CoroutineScope.() -> T): T = start(kind, body).await()
    }
}

/** [failure] as something a method without `throws` may throw: itself when unchecked, else wrapped. */
internal fun unchecked(failure: Throwable): Throwable = when (failure) {
    is RuntimeException, is Error -> failure
    is Exception -> CallbackException(failure)
    else -> failure
}
