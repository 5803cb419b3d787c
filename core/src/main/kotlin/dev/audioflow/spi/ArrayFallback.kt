package dev.audioflow.spi

import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat

/**
 * Backend SPI: the callback path for when frames cannot go straight between native buffers and
 * the rings ([RealtimeEndpoint.processNative] and [RealtimeEndpoint.processPlanar] need
 * a [NativeCopy], and float32 buffers): each cycle is cut into chunks of at
 * most [scratchFrames] frames, and each chunk is copied from the native input buffers into a
 * preallocated interleaved array (decoding [sampleFormat]), run through
 * [RealtimeEndpoint.process], and copied back out into the native output buffers. The copies to
 * and from native memory go through [access]; when [access] is a [NativeCopy] (the FFM path's
 * segment access, for raw sample formats), through views of the arrays made here once
 * ([NativeCopy.view]), so each copy is a `memcpy` rather than an element loop.
 *
 * Realtime: [processInterleaved] and [processPlanar] allocate nothing, take no lock and do not
 * throw (given an [access] that does not); every array is allocated here. One callback thread
 * at a time. Addresses are not checked.
 *
 * ```
 * private val fallback = ArrayFallback(endpoint, JnaBufferAccess(), scratchFrames = 4096, sampleRate, SampleFormat.INT16)
 * fun callback(input: Long, output: Long, frames: Int) = fallback.processInterleaved(input, output, frames, 0, 0)
 * ```
 *
 * @param endpoint the stream's endpoint.
 * @param access how native buffers are read and written.
 * @param scratchFrames the largest chunk, in frames; longer cycles take several chunks.
 * @param sampleRate the stream's rate, for the timestamps of later chunks.
 * @param sampleFormat the format of the interleaved native buffers; planar buffers are float32.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [scratchFrames] or
 *   [sampleRate] below 1.
 */
@DelicateAudioApi
public class ArrayFallback @JvmOverloads constructor(
    private val endpoint: RealtimeEndpoint,
    private val access: NativeBufferAccess,
    private val scratchFrames: Int,
    sampleRate: Int,
    private val sampleFormat: SampleFormat = SampleFormat.FLOAT32,
) {
    init {
        AudioException.require(scratchFrames >= 1) { "scratchFrames must be >= 1, was $scratchFrames" }
        AudioException.require(sampleRate >= 1) { "sampleRate must be >= 1, was $sampleRate" }
    }

    private val inChannels = endpoint.inputChannels
    private val outChannels = endpoint.outputChannels
    private val inFloats = if (inChannels > 0) FloatArray(scratchFrames * inChannels) else null
    private val outFloats = if (outChannels > 0) FloatArray(scratchFrames * outChannels) else null
    private val raw = sampleFormat != SampleFormat.FLOAT32
    private val bytesPerSample = sampleFormat.bytesPerSample
    private val rawBytes = if (raw) ByteArray(scratchFrames * maxOf(inChannels, outChannels) * bytesPerSample) else null
    private val column = FloatArray(scratchFrames)
    private val nanosPerFrame = 1_000_000_000.0 / sampleRate

    /** [access] when it copies through views; null: plain array copies. */
    private val copy = access as? NativeCopy
    private val inView: Any? = inFloats?.let { copy?.view(it) ?: it }
    private val outView: Any? = outFloats?.let { copy?.view(it) ?: it }
    private val rawView: Any? = rawBytes?.let { copy?.view(it) ?: it }
    private val columnView: Any = copy?.view(column) ?: column

    /**
     * Realtime: one cycle of [frames] frames over interleaved buffers in [sampleFormat] (as
     * PortAudio hands them): [input] holds the captured frames, [output] receives the played
     * ones; 0 means none this cycle. [nativeFlags] and [timeNanos] are those of
     * [RealtimeEndpoint.process], for the cycle's first frame.
     */
    public fun processInterleaved(input: Long, output: Long, frames: Int, nativeFlags: Int, timeNanos: Long) {
        val inArray = if (input != 0L) inFloats else null
        val outArray = if (output != 0L) outFloats else null
        var done = 0
        while (done < frames) {
            val n = minOf(frames - done, scratchFrames)
            if (inArray != null) readInterleaved(input, done, n, inArray)
            endpoint.process(inArray, outArray, n, if (done == 0) nativeFlags else 0, timeNanos + (done * nanosPerFrame).toLong())
            if (outArray != null) writeInterleaved(output, done, n, outArray)
            done += n
        }
    }

    /**
     * Realtime: one cycle of [frames] frames over one float32 buffer per channel (as JACK ports
     * hand them): `inputs[c]` holds captured channel `c`, `outputs[c]` receives played channel
     * `c`; null means the stream has no such side. Otherwise as [processInterleaved].
     */
    public fun processPlanar(inputs: LongArray?, outputs: LongArray?, frames: Int, nativeFlags: Int, timeNanos: Long) {
        val inArray = if (inputs != null) inFloats else null
        val outArray = if (outputs != null) outFloats else null
        var done = 0
        while (done < frames) {
            val n = minOf(frames - done, scratchFrames)
            if (inArray != null) gather(inputs!!, done, n, inArray)
            endpoint.process(inArray, outArray, n, if (done == 0) nativeFlags else 0, timeNanos + (done * nanosPerFrame).toLong())
            if (outArray != null) scatter(outArray, outputs!!, done, n)
            done += n
        }
    }

    private fun readInterleaved(address: Long, frameOffset: Int, frames: Int, floats: FloatArray) {
        val samples = frames * inChannels
        val byteOffset = frameOffset.toLong() * inChannels * bytesPerSample
        if (raw) {
            val bytes = rawBytes!!
            if (copy != null) copy.readBytesToView(address, byteOffset, rawView!!, 0, samples * bytesPerSample) else access.readBytes(address, byteOffset, bytes, 0, samples * bytesPerSample)
            sampleFormat.decode(bytes, 0, floats, 0, samples)
        } else {
            readFloats(address, byteOffset, floats, inView!!, samples)
        }
    }

    private fun writeInterleaved(address: Long, frameOffset: Int, frames: Int, floats: FloatArray) {
        val samples = frames * outChannels
        val byteOffset = frameOffset.toLong() * outChannels * bytesPerSample
        if (raw) {
            val bytes = rawBytes!!
            sampleFormat.encode(floats, 0, bytes, 0, samples)
            if (copy != null) copy.writeBytesFromView(address, byteOffset, rawView!!, 0, samples * bytesPerSample) else access.writeBytes(address, byteOffset, bytes, 0, samples * bytesPerSample)
        } else {
            writeFloats(address, byteOffset, floats, outView!!, samples)
        }
    }

    /** Interleaves [frames] frames from frame [frameOffset] of each channel's buffer into [interleaved]. */
    private fun gather(buffers: LongArray, frameOffset: Int, frames: Int, interleaved: FloatArray) {
        val channels = inChannels
        for (channel in 0 until channels) {
            readFloats(buffers[channel], frameOffset.toLong() * Float.SIZE_BYTES, column, columnView, frames)
            var i = channel
            for (f in 0 until frames) {
                interleaved[i] = column[f]
                i += channels
            }
        }
    }

    /** De-interleaves [frames] frames of [interleaved] into each channel's buffer from frame [frameOffset]. */
    private fun scatter(interleaved: FloatArray, buffers: LongArray, frameOffset: Int, frames: Int) {
        val channels = outChannels
        for (channel in 0 until channels) {
            var i = channel
            for (f in 0 until frames) {
                column[f] = interleaved[i]
                i += channels
            }
            writeFloats(buffers[channel], frameOffset.toLong() * Float.SIZE_BYTES, column, columnView, frames)
        }
    }

    /** [count] floats from native memory into [array] from index 0, through [view] (its view, or itself) when [copy] takes views. */
    private fun readFloats(address: Long, byteOffset: Long, array: FloatArray, view: Any, count: Int) {
        if (copy != null) copy.readFloatsToView(address, byteOffset, view, 0, count) else access.readFloats(address, byteOffset, array, 0, count)
    }

    /** [count] floats of [array] from index 0 to native memory, through [view] when [copy] takes views. */
    private fun writeFloats(address: Long, byteOffset: Long, array: FloatArray, view: Any, count: Int) {
        if (copy != null) copy.writeFloatsFromView(address, byteOffset, view, 0, count) else access.writeFloats(address, byteOffset, array, 0, count)
    }
}
