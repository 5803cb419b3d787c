package dev.audioflow.java

import dev.audioflow.AudioException
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats
import kotlinx.coroutines.Job
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * Common part of the Java facade's streams: a running audio stream on its own non-realtime
 * thread, its statistics, its completion, and [close].
 *
 * Monitoring and closing are thread-safe; reading or writing audio is for one thread at a time
 * (interleaving two writers' blocks would make no sound sense anyway). Streams start as soon as they are created and must be closed
 * (try-with-resources); [close] is idempotent and returns only once the device is closed.
 */
public abstract class AudioStream internal constructor(kind: String) : AutoCloseable {
    internal val thread: StreamThread = StreamThread(kind)
    private val done = CompletableFuture<Void?>()

    /** Live statistics and stream info as listeners and publishers; [stats] is a snapshot. */
    public val watch: StreamWatch = StreamWatch()

    /** Live statistics and stream info for Kotlin: [StreamMonitor.stats] is a `StateFlow`. */
    public val monitor: StreamMonitor get() = watch.monitor

    internal abstract val job: Job

    /** Links [job] to [completion]; subclasses call it once [job] is initialised. */
    internal fun watch(job: Job) {
        job.invokeOnCompletion { cause ->
            thread.close()
            if (cause == null || cause is kotlinx.coroutines.CancellationException && cause.cause == null) {
                done.complete(null)
            } else {
                val real = unwrapCancellation(cause)
                failure = real
                done.completeExceptionally(real)
            }
        }
    }

    /** A snapshot of the stream's counters (frames, overflows, underflows, xruns, state). */
    public fun stats(): StreamStats = monitor.stats.value

    /** True until the stream has ended, failed or been closed. */
    public val isActive: Boolean get() = !done.isDone

    /**
     * Completes when the stream ends: normally at the end of its input or after [close],
     * exceptionally with the [AudioException] (or callback exception) that ended it.
     * The returned future is a copy: cancelling it does not affect the stream.
     */
    public fun completion(): CompletableFuture<Void?> = done.copy()

    /**
     * Blocks until the stream has ended, rethrowing the failure that ended it, if any.
     *
     * @throws AudioException or the exception a callback threw.
     * @throws InterruptedException if interrupted while waiting; the stream keeps running.
     */
    @Throws(InterruptedException::class)
    public fun awaitCompletion() {
        rethrowing { done.get() }
    }

    /**
     * Blocks up to [timeout] for the stream to end.
     *
     * @return true if it ended within the timeout.
     * @throws AudioException or the exception a callback threw, when the stream failed.
     * @throws InterruptedException if interrupted while waiting; the stream keeps running.
     */
    @Throws(InterruptedException::class)
    public fun awaitCompletion(timeout: Long, unit: TimeUnit): Boolean = try {
        rethrowing { done.get(timeout, unit) }
        true
    } catch (_: TimeoutException) {
        false
    }

    /**
     * Stops the stream and closes the device, discarding audio not yet delivered; returns once
     * the device is closed. Idempotent. Called from the stream's own callback thread it only
     * requests the stop (waiting there would deadlock); the device closes right after the
     * callback returns.
     *
     * Not interruptible, so that it fits try-with-resources: interrupted while it waits for the
     * device, it still waits until the device is closed, then returns with the thread's
     * interrupt flag set again.
     */
    override fun close() {
        job.cancel()
        if (!thread.isCurrent) job.joinUninterruptibly()
    }

    /** The failure that ended the stream, or null while it runs or when it ended normally. */
    @Volatile
    internal var failure: Throwable? = null
        private set
}

/** Runs [body], turning an [ExecutionException] back into the exception that caused it. */
internal inline fun <T> rethrowing(body: () -> T): T = try {
    body()
} catch (e: ExecutionException) {
    throw e.cause ?: e
}

/**
 * The failure [cause] stands for: a cancellation that carries a real failure as its cause stands
 * for that failure, and a copy that kotlinx.coroutines made to recover a stack trace (same class
 * and message, the original as its cause) for the original, so Java code gets back the very
 * exception its callback threw.
 */
internal fun unwrapCancellation(cause: Throwable): Throwable {
    var current = cause
    while (true) {
        val inner = current.cause ?: return current
        val recoveredCopy = inner.javaClass == current.javaClass && inner.message == current.message
        if (current !is kotlinx.coroutines.CancellationException && !recoveredCopy) return current
        current = inner
    }
}
