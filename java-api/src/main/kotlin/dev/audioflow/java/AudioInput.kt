package dev.audioflow.java

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.StreamMonitor
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.TimeUnit

/**
 * An input stream you pull blocks from with blocking [read], like PyAudio's `stream.read`.
 *
 * Created by [Audio.openInput]. The device starts at once; blocks are queued (up to the queue
 * size given at creation) until read. A reader that falls behind does not lose data silently:
 * once the queue and the device ring are full, frames are dropped and the next block read
 * carries [dev.audioflow.BlockStatus.inputOverflow] and the dropped-frame count.
 *
 * Thread-safe, but meant for one reading thread. Close it (try-with-resources) to stop the device.
 *
 * ```java
 * try (AudioInput in = Audio.openInput(device, new StreamConfig(AudioFormat.STEREO_48K, new BlockSize.Fixed(256)))) {
 *     FloatBlock block;
 *     while ((block = in.read()) != null) process(block.getSamples());
 * }
 * ```
 */
public class AudioInput internal constructor(
    flow: (StreamMonitor) -> Flow<FloatBlock>,
    /** Sample rate and channel count of the blocks this stream delivers. */
    public val format: AudioFormat,
    queueBlocks: Int,
) : AudioStream("input") {
    private val queue = Channel<FloatBlock>(queueBlocks)
    private var pending: FloatBlock? = null
    private var pendingOffset = 0

    override val job: Job = thread.scope.launch {
        try {
            flow(monitor).collect { queue.send(it) }
            queue.close()
        } catch (e: Throwable) {
            queue.close(if (e is CancellationException) null else e)
            throw e
        }
    }.also { watch(it) }

    /**
     * The next block, blocking until one is available; null once the input has ended (a
     * finite source) or the stream was closed.
     *
     * @throws AudioException the failure that ended the stream (device lost, server shut down).
     * @throws InterruptedException if the calling thread is interrupted while waiting; the
     *   stream keeps running (close it, as try-with-resources does, to stop the device).
     */
    @Throws(InterruptedException::class)
    public fun read(): FloatBlock? = takePending() ?: runBlocking { receive() }

    /**
     * The next block if one arrives within [timeout]; null on timeout or at the end of input
     * (tell them apart with [isActive]).
     *
     * @throws AudioException the failure that ended the stream.
     * @throws InterruptedException if interrupted while waiting; the stream keeps running.
     */
    @Throws(InterruptedException::class)
    public fun poll(timeout: Long, unit: TimeUnit): FloatBlock? =
        takePending() ?: runBlocking { withTimeoutOrNull(unit.toMillis(timeout)) { receive() } }

    /**
     * Fills [dst] with interleaved frames (`dst.length` must be a multiple of the channel
     * count), blocking until it is full or the input ends, like PyAudio's `read(frames)`.
     *
     * @return the number of frames written, less than requested only at the end of input.
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when `dst.length` is
     *   not a multiple of the channel count; the failure that ended the stream.
     * @throws InterruptedException if interrupted while waiting; the frames already copied
     *   into [dst] are lost, the stream keeps running.
     */
    @Throws(InterruptedException::class)
    public fun read(dst: FloatArray): Int {
        val channels = format.channels
        AudioException.require(dst.size % channels == 0) { "dst.length ${dst.size} is not a multiple of $channels channels" }
        val wanted = dst.size / channels
        var done = 0
        while (done < wanted) {
            val block = pending ?: read()?.also { pending = it; pendingOffset = 0 } ?: break
            val n = minOf(wanted - done, block.frames - pendingOffset)
            System.arraycopy(block.samples, pendingOffset * channels, dst, done * channels, n * channels)
            pendingOffset += n
            done += n
            if (pendingOffset == block.frames) pending = null
        }
        return done
    }

    /** A block partly consumed by [read] into an array, delivered whole-remainder first. */
    private fun takePending(): FloatBlock? {
        val block = pending ?: return null
        pending = null
        if (pendingOffset == 0) return block
        val ch = block.channels
        val rest = block.samples.copyOfRange(pendingOffset * ch, block.samples.size)
        return FloatBlock(block.format, rest, block.frameIndex + pendingOffset, block.timestampNanos + block.format.nanosOf(pendingOffset.toLong()))
    }

    /**
     * Stops the stream and closes the device; blocks still queued are discarded, so a [read]
     * afterwards returns null. Idempotent; not interruptible (see [AudioStream.close]).
     */
    override fun close() {
        super.close()
        queue.cancel()
        pending = null
    }

    private suspend fun receive(): FloatBlock? {
        val result = queue.receiveCatching()
        result.exceptionOrNull()?.let { throw it }
        return result.getOrNull()
    }
}
