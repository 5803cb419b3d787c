package dev.audioflow.spi

import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessCycle

/**
 * Runs an [AudioProcessor] inside a driver cycle in place of the rings: gathers the cycle's input
 * into an interleaved array, calls the processor, and copies its output out. Every array is
 * allocated here, for cycles of up to [maxFrames] frames (longer ones play silence).
 *
 * Realtime: the run methods never allocate, lock or throw. The processor's first exception is
 * kept in [failure] (read by the app side, which fails the stream) and the output is silent from
 * then on.
 */
@OptIn(DelicateAudioApi::class)
internal class ProcessorRunner(
    private val processor: AudioProcessor,
    private val inputChannels: Int,
    private val outputChannels: Int,
    private val maxFrames: Int,
) {
    private val input = FloatArray(maxFrames * maxOf(1, inputChannels))
    private val output = FloatArray(maxFrames * maxOf(1, outputChannels))
    private val cycle = ProcessCycle()

    /** The processor's exception, once it threw; it is not called again. */
    @Volatile var failure: Throwable? = null
        private set

    /** A cycle over interleaved arrays (either may be null when the stream has no such side). */
    fun runArrays(input: FloatArray?, output: FloatArray?, frames: Int, flags: Int, frameIndex: Long, timeNanos: Long) {
        if (input != null) System.arraycopy(input, 0, this.input, 0, minOf(input.size, frames * inputChannels, this.input.size))
        val ok = call(frames, flags, frameIndex, timeNanos)
        if (output == null) return
        val n = minOf(frames * outputChannels, output.size)
        if (ok) System.arraycopy(this.output, 0, output, 0, minOf(n, this.output.size)) else java.util.Arrays.fill(output, 0, n, 0f)
    }

    /** A cycle over interleaved native buffers (0: no such side). */
    fun runNative(inputAddress: Long, outputAddress: Long, frames: Int, flags: Int, frameIndex: Long, timeNanos: Long, copy: NativeCopy) {
        if (inputAddress != 0L && frames <= maxFrames) copy.readFloats(inputAddress, 0, input, 0, frames * inputChannels)
        val ok = call(frames, flags, frameIndex, timeNanos)
        if (outputAddress == 0L) return
        if (ok) copy.writeFloats(outputAddress, 0, output, 0, frames * outputChannels) else copy.zeroFloats(outputAddress, frames * outputChannels)
    }

    /** A cycle over one native buffer per channel (null: no such side). */
    fun runPlanar(inputAddresses: LongArray?, outputAddresses: LongArray?, frames: Int, flags: Int, frameIndex: Long, timeNanos: Long, copy: NativeCopy) {
        if (inputAddresses != null && frames <= maxFrames) copy.gather(inputAddresses, 0, input, 0, inputChannels, frames)
        val ok = call(frames, flags, frameIndex, timeNanos)
        if (outputAddresses == null) return
        if (ok) {
            copy.scatter(output, 0, outputChannels, outputAddresses, 0, frames)
        } else {
            for (c in 0 until outputChannels) copy.zeroFloats(outputAddresses[c], frames)
        }
    }

    /** Calls the processor unless it failed before or [frames] does not fit; false when the output must be silence. */
    private fun call(frames: Int, flags: Int, frameIndex: Long, timeNanos: Long): Boolean {
        if (failure != null || frames > maxFrames) return false
        cycle.frameIndex = frameIndex
        cycle.timeNanos = timeNanos
        cycle.xrun = flags and XRUN_FLAGS != 0
        return try {
            processor.process(input, output, frames, cycle)
            true
        } catch (e: Throwable) {
            failure = e
            false
        }
    }

    private companion object {
        const val XRUN_FLAGS = StatusFlags.XRUN or StatusFlags.INPUT_OVERFLOW or StatusFlags.OUTPUT_UNDERFLOW
    }
}
