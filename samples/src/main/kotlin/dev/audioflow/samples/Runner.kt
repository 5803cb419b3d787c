package dev.audioflow.samples

import dev.audioflow.StreamMonitor
import dev.audioflow.StreamThreadPlacement
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import java.util.Locale
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Runs [body] until it returns, or until the process is interrupted (Ctrl-C, SIGINT, SIGTERM).
 *
 * On interruption the JVM runs its shutdown hooks before exiting; the hook installed here
 * cancels [body] and waits (up to [GRACE_MILLIS]) for its `finally` blocks to finish, so a WAV
 * writer fixes its header and streams close before the process ends. [body] runs on
 * [Dispatchers.Default]; its exception is rethrown.
 *
 * The overload with a [WallLimit] bounds the command in wall-clock time as well as in stream
 * time: a stream whose device or server stalls (a SIGSTOPped JACK server delivers no frames, so
 * a frame count never completes) is cancelled once the limit passes, given [GRACE_MILLIS] to
 * close, and the command fails with a [CommandFailure] saying so, even if a native close never
 * returns.
 */
fun <T> runInterruptible(body: suspend CoroutineScope.() -> T): T = runInterruptible(null as WallLimit<T>?, body)

/** [runInterruptible], bounded by [wallLimit] in wall-clock time when it is not null. */
fun <T> runInterruptible(wallLimit: WallLimit<T>?, body: suspend CoroutineScope.() -> T): T = runBlocking {
    // Not a child of runBlocking: a body stuck in a native call must not keep the command from returning.
    val work = CoroutineScope(Dispatchers.Default).async { body() }
    val interrupted = AtomicBoolean()
    val hook = Thread({
        interrupted.set(true)
        work.cancel(CancellationException("interrupted"))
        runBlocking { withTimeoutOrNull(GRACE_MILLIS) { work.join() } }
    }, "audioflow-interrupt")
    Runtime.getRuntime().addShutdownHook(hook)
    try {
        if (wallLimit != null && withTimeoutOrNull(wallLimit.millis) { work.join() } == null) {
            wallLimit.reached = true
            work.cancel(CancellationException("wall-clock limit"))
            val closed = withTimeoutOrNull(GRACE_MILLIS) { work.join() } != null
            if (!wallLimit.audioDone) throw CommandFailure(wallLimit.message(closed))
            // The audio was all there within a block of the limit: only the output's drain was cut.
            return@runBlocking wallLimit.cutShort()
        }
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

/**
 * A command's wall-clock bound: its `--seconds`, plus one block (the stream counts time in
 * whole blocks) and [SLACK_SECONDS] for opening the device and draining the output.
 *
 * When the limit passes, the command is stopped. If [progressSeconds] (the audio the stream has
 * moved so far) is within a block of `--seconds`, the audio was complete and only the output's
 * drain was cut (huge blocks drain for as long again): the command then ends normally, with
 * [cutShort] as the result of its work. Otherwise the stream stalled, and the command fails.
 */
class WallLimit<T>(private val seconds: Double, private val blockSeconds: Double, private val progressSeconds: () -> Double, val cutShort: () -> T) {
    /** The limit in seconds. */
    val limitSeconds: Double = seconds + blockSeconds + SLACK_SECONDS

    /** The limit in milliseconds. */
    val millis: Long get() = (limitSeconds * 1000).toLong()

    /** Set just before the command's work is cancelled for passing the limit (so it can tell that from Ctrl-C). */
    @Volatile var reached: Boolean = false

    /** True when the stream moved the requested audio, give or take a block. */
    val audioDone: Boolean get() = progressSeconds() >= seconds - blockSeconds

    /** What the command reports when the limit stopped it ([closed]: the stream closed in the grace period). */
    fun message(closed: Boolean): String = String.format(
        Locale.ROOT,
        "stopped after %.1f s of wall-clock time for %s s of audio: the stream stalled (a frozen JACK server or a stopped device?)%s",
        limitSeconds, seconds.toString(), if (closed) "" else "; it did not close within ${GRACE_MILLIS / 1000} s and was left",
    )

    private companion object {
        const val SLACK_SECONDS = 2.0
    }
}

/**
 * Prints [banner] once [monitor] reports the stream open, so that nothing is announced that
 * then fails to open, followed by the stream's thread placement when it has one
 * ([StreamThreadPlacement.noteIn]). Cancel the returned job when the command's work ends.
 */
fun CoroutineScope.announceWhenOpen(console: Console, monitor: StreamMonitor, banner: String): Job = launch {
    val info = monitor.info.filterNotNull().first()
    console.note(banner + StreamThreadPlacement.noteIn(info.description))
}

/** Thrown on the main thread when a signal stopped the command; the program then exits quietly. */
class InterruptedBySignal : RuntimeException("interrupted")

/** How long an interrupted command may take to close its files and streams. */
const val GRACE_MILLIS: Long = 5_000
