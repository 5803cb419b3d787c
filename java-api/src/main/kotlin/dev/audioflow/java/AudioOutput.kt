package dev.audioflow.java

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.StreamMonitor
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.consumeAsFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * An output stream you push blocks into with blocking [write], like PyAudio's `stream.write`.
 *
 * Created by [Audio.openOutput]. The device starts once a few blocks are queued. [write]
 * blocks while the queue (of the size given at creation) and the device ring are full, so a
 * writer that runs ahead is paced by the device. A writer that falls behind makes the device
 * play silence, counted in [stats] as output underflows.
 *
 * [close] plays out everything written, then closes the device, as closing a
 * `java.io.OutputStream` flushes it; [abort] discards what is still queued.
 *
 * ```java
 * try (AudioOutput out = Audio.openOutput(device, new StreamConfig(AudioFormat.STEREO_48K, new BlockSize.Fixed(256)))) {
 *     out.write(samples);
 * }
 * ```
 */
public class AudioOutput internal constructor(
    /** Sample rate and channel count blocks written here must have. */
    public val format: AudioFormat,
    queueBlocks: Int,
    play: suspend Flow<FloatBlock>.(StreamMonitor) -> Unit,
) : AudioStream("output") {
    private val queue = Channel<FloatBlock>(queueBlocks)
    private var framesWritten = 0L

    @Volatile
    private var playFailure: Throwable? = null

    override val job: Job = thread.scope.launch {
        try {
            queue.consumeAsFlow().play(monitor)
        } catch (e: Throwable) {
            playFailure = e
            queue.cancel(CancellationException("output stream ended", e))
            throw e
        }
    }.also { watch(it) }

    /**
     * Queues [block] for playback, blocking while the queue is full. Its channel count and
     * sample rate must match [format]; the array must not be modified afterwards. One writing
     * thread at a time.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a block of another
     *   format; the failure that ended the stream; [IllegalStateException] after [close].
     * @throws InterruptedException if interrupted while waiting for room; [block] is not queued.
     */
    @Throws(InterruptedException::class)
    public fun write(block: FloatBlock) {
        AudioException.require(block.format == format) { "block format ${block.format} differs from the stream's $format" }
        try {
            runBlocking { queue.send(block) }
        } catch (e: IllegalStateException) {
            // Closed or cancelled queue (CancellationException is an IllegalStateException).
            throw streamEnded(e)
        }
        framesWritten += block.frames
    }

    /**
     * Queues interleaved [samples] (a multiple of the channel count), copying them, so the
     * caller may reuse the array.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the length is not a
     *   multiple of the channel count; the failure that ended the stream.
     * @throws InterruptedException if interrupted while waiting for room; nothing is queued.
     */
    @Throws(InterruptedException::class)
    public fun write(samples: FloatArray) {
        AudioException.require(samples.size % format.channels == 0) {
            "samples.length ${samples.size} is not a multiple of ${format.channels} channels"
        }
        write(samples, 0, samples.size / format.channels)
    }

    /**
     * Queues [frames] interleaved frames of [samples] starting at frame [offsetFrames], copying them.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a range outside the array.
     * @throws InterruptedException if interrupted while waiting for room; nothing is queued.
     */
    @Throws(InterruptedException::class)
    public fun write(samples: FloatArray, offsetFrames: Int, frames: Int) {
        val ch = format.channels
        AudioException.require(offsetFrames >= 0 && frames >= 0 && (offsetFrames + frames) * ch <= samples.size) {
            "frames $offsetFrames..${offsetFrames + frames} are outside an array of ${samples.size / ch} frames"
        }
        if (frames == 0) return
        write(FloatBlock(format, samples.copyOfRange(offsetFrames * ch, (offsetFrames + frames) * ch), framesWritten))
    }

    private fun streamEnded(e: Exception): Throwable =
        playFailure?.takeUnless { it is CancellationException } ?: IllegalStateException("output stream is closed", e)

    /**
     * Ends the stream: plays out everything written, closes the device, and returns.
     * Idempotent.
     *
     * Not interruptible, so that it fits try-with-resources: interrupted while the queued audio
     * plays out, it stops playback (as [abort] does), waits until the device is closed, and
     * returns with the thread's interrupt flag set again.
     *
     * @throws AudioException the failure that ended the stream, if any.
     */
    override fun close() {
        queue.close()
        if (thread.isCurrent) return
        if (!awaitPlayedOut()) {
            job.cancel()
            job.joinUninterruptibly()
            Thread.currentThread().interrupt()
        }
        failure?.let { throw it }
    }

    /** Waits for the stream to end after [close]; false, with the interrupt flag cleared, when interrupted (or already). */
    private fun awaitPlayedOut(): Boolean {
        return try {
            job.completion().get()
            true
        } catch (_: InterruptedException) {
            false
        }
    }

    /** Stops at once, discarding queued audio, and closes the device. Idempotent; not interruptible (see [close]). */
    public fun abort() {
        super.close()
    }
}
