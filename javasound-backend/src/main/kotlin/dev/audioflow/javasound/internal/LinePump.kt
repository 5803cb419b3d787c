package dev.audioflow.javasound.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StatusFlags
import javax.sound.sampled.SourceDataLine
import javax.sound.sampled.TargetDataLine

/**
 * One block of a Java Sound stream per [cycle], on the stream's line thread, which takes the
 * place of a native callback: read a block from the input line (blocking until it is there),
 * hand it and the output ring's next block to the [endpoint], write the output block to the
 * output line (blocking while the line's buffer is full). The line calls pace it.
 *
 * Never allocates per block: the byte and float buffers are made once here. Line glitches
 * become status bits of the block: an input line whose buffer was full when read
 * ([StatusFlags.INPUT_OVERFLOW]: the device may have had to drop frames), an output line
 * that had run empty since the last write ([StatusFlags.OUTPUT_UNDERFLOW]).
 */
@OptIn(DelicateAudioApi::class)
internal class LinePump(
    private val endpoint: RealtimeEndpoint,
    private val input: TargetDataLine?,
    private val output: SourceDataLine?,
    private val sampleFormat: SampleFormat,
    private val frames: Int,
) {
    private val inFloats = input?.let { FloatArray(frames * endpoint.inputChannels) }
    private val inBytes = input?.let { ByteArray(frames * endpoint.inputChannels * sampleFormat.bytesPerSample) }
    private val outFloats = output?.let { FloatArray(frames * endpoint.outputChannels) }
    private val outBytes = output?.let { ByteArray(frames * endpoint.outputChannels * sampleFormat.bytesPerSample) }
    private val reader: LineIo? = input?.let { line -> LineIo(line::read) }
    private val writer: LineIo? = output?.let { line -> LineIo(line::write) }
    private val inputBufferBytes = input?.bufferSize ?: 0
    private val outputBufferBytes = output?.bufferSize ?: 0
    private val sampleRate = endpoint.sampleRate.toLong()
    private var position = 0L
    private var wrote = false

    /** One block; false when a line stopped short (stopped, flushed or closed). */
    fun cycle(): Boolean {
        CallbackProbe.enter()
        val complete = transfer()
        CallbackProbe.exit()
        return complete
    }

    private fun transfer(): Boolean {
        var flags = 0
        if (input != null) {
            if (input.available() >= inputBufferBytes) flags = flags or StatusFlags.INPUT_OVERFLOW
            if (!fully(inBytes!!, reader!!)) return false
            sampleFormat.decode(inBytes, 0, inFloats!!, 0, inFloats.size)
        }
        if (output != null && wrote && output.available() >= outputBufferBytes) flags = flags or StatusFlags.OUTPUT_UNDERFLOW
        endpoint.process(inFloats, outFloats, frames, flags, position * 1_000_000_000L / sampleRate)
        position += frames
        if (output != null) {
            sampleFormat.encode(outFloats!!, 0, outBytes!!, 0, outFloats.size)
            if (!fully(outBytes, writer!!)) return false
            wrote = true
        }
        return true
    }

    /** Moves all of [bytes] through [io] (a line's read or write); false when the line stopped short. */
    private fun fully(bytes: ByteArray, io: LineIo): Boolean {
        var done = 0
        while (done < bytes.size) {
            val n = io.transfer(bytes, done, bytes.size - done)
            if (n <= 0) return false
            done += n
        }
        return true
    }

    /** A line's `read` or `write`, made once per stream so that a cycle creates no function object. */
    private fun interface LineIo {
        fun transfer(bytes: ByteArray, offset: Int, length: Int): Int
    }
}
