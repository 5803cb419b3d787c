package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import java.util.concurrent.Callable
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * Backend SPI: a blocking call that the caller may give up on. Some native libraries block with
 * no timeout of their own when the thing they talk to is gone or frozen: libjack waits for a
 * stopped server, PortAudio's JACK host API waits ten minutes for a process thread that died with
 * its server. Such a call runs on a fresh daemon thread while the caller waits for it at most a
 * deadline; past that the thread is left behind (it holds no lock of the caller's, and a daemon
 * thread does not keep the JVM alive) and the caller goes on knowing the call did not finish.
 *
 * Hand-written: `CompletableFuture.supplyAsync(...).get(timeout)` is the library form, but it runs
 * on the common pool, whose few threads a wedged native call would take for good; this gives each
 * call its own named thread, which also shows in a thread dump what was left behind.
 *
 * Not for a realtime thread: it starts a thread and allocates.
 *
 * ```
 * val code = AbandonableCall.runWithin("portaudio-abort", 2_000) { PaNative.Pa_AbortStream(handle) }
 * if (code == null) abandon()   // still blocked after 2 s
 * ```
 */
@DelicateAudioApi
public object AbandonableCall {
    /**
     * Runs [block] on a new daemon thread named [threadName] and waits up to [timeoutMillis]
     * for it.
     *
     * Thread: any but a realtime one. Blocking: up to [timeoutMillis].
     *
     * @return what [block] returned, or null when it had not returned by the deadline (it goes
     *   on running, and its result is dropped).
     * @throws InterruptedException when the waiting thread is interrupted (the call is left
     *   running, as after the deadline).
     * @throws Throwable whatever [block] threw, unwrapped.
     */
    @JvmStatic
    @Throws(InterruptedException::class)
    public fun <T : Any> runWithin(threadName: String, timeoutMillis: Long, block: Callable<T>): T? {
        val result = CompletableFuture<T>()
        val thread = Thread({
            try {
                result.complete(block.call())
            } catch (e: Throwable) {
                result.completeExceptionally(e)
            }
        }, threadName)
        thread.isDaemon = true
        thread.start()
        return try {
            result.get(timeoutMillis.coerceAtLeast(0), TimeUnit.MILLISECONDS)
        } catch (_: TimeoutException) {
            null
        } catch (e: ExecutionException) {
            throw e.cause ?: e
        }
    }
}
