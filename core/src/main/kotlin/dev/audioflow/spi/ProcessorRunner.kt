package dev.audioflow.spi

import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessCycle
import dev.audioflow.ProcessorTap

/**
 * Runs an [AudioProcessor] inside a driver cycle in place of the rings: gathers the cycle's input
 * into an interleaved array, calls the processor, and copies its output out. Every array is
 * allocated here, for cycles of up to [maxFrames] frames (longer ones play silence).
 *
 * Realtime: the run methods never allocate, lock or throw. The processor's first exception is
 * kept in [failure] (read by the app side, which fails the stream) and the output is silent from
 * then on. With a [tap], each cycle's tapped side is also written into [tapRing] (the input
 * before the processor runs, the output after it succeeded), which the app side reads; frames
 * it has no room for are recorded in [tapLog] and counted in [tapDropped].
 */
@OptIn(DelicateAudioApi::class)
internal class ProcessorRunner(
    private val processor: AudioProcessor,
    private val inputChannels: Int,
    private val outputChannels: Int,
    private val maxFrames: Int,
    /** The side copied into [tapRing] after every successful cycle; null: no tap. */
    val tap: ProcessorTap? = null,
    tapFrames: Int = 0,
) {
    private val input = FloatArray(maxFrames * maxOf(1, inputChannels))
    private val output = FloatArray(maxFrames * maxOf(1, outputChannels))
    private val inputView = PreparedView(input)
    private val outputView = PreparedView(output)
    private val cycle = ProcessCycle()

    /** Channels of the tapped side (the ring's), 0 without a tap. */
    val tapChannels: Int = when (tap) {
        ProcessorTap.Input -> inputChannels
        ProcessorTap.Output -> outputChannels
        null -> 0
    }

    /** What the tap copies out of the audio thread, read by the app side; null without a tap (or a tapped side with no channels). */
    val tapRing: FloatRing? = if (tapChannels > 0) FloatRing(maxOf(tapFrames, 2 * maxFrames), tapChannels) else null

    /** The array the tap copies from: the processor's input (before it runs) or its output (after). */
    private val tapSource: FloatArray = if (tap == ProcessorTap.Input) input else output

    /**
     * Where the tap lost frames, as the input ring's [RealtimeEndpoint.inputLog] records them: a
     * record at ring position `p` says that `dropped` frames are missing before the frame written
     * at `p`. Lost frames not yet recorded (the log was full) wait in [pendingDropped].
     */
    val tapLog: StatusLog = StatusLog(64)
    private var pendingDropped = 0L

    /** Tapped frames the ring had no room for, in total (a slow reader). */
    val tapDropped: ReleaseCounter = ReleaseCounter()

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

    /**
     * Prepares [runNative] to copy through [copy]'s views of the processor's arrays (on the FFM
     * path a `memcpy` each, not an element loop), as [FloatRing.prepareNativeCopy] does for the
     * rings. Not realtime: call it before the runner is installed.
     */
    fun prepareNativeCopy(copy: NativeCopy) {
        inputView.prepare(copy)
        outputView.prepare(copy)
    }

    /** A cycle over interleaved native buffers (0: no such side). */
    fun runNative(inputAddress: Long, outputAddress: Long, frames: Int, flags: Int, frameIndex: Long, timeNanos: Long, copy: NativeCopy) {
        if (inputAddress != 0L && frames <= maxFrames) copy.readFloatsToView(inputAddress, 0, inputView.viewFor(copy), 0, frames * inputChannels)
        val ok = call(frames, flags, frameIndex, timeNanos)
        if (outputAddress == 0L) return
        if (ok) copy.writeFloatsFromView(outputAddress, 0, outputView.viewFor(copy), 0, frames * outputChannels) else copy.zeroFloats(outputAddress, frames * outputChannels)
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
        if (tap == ProcessorTap.Input) tap(frames)
        try {
            processor.process(input, output, frames, cycle)
        } catch (e: Throwable) {
            failure = e
            return false
        }
        if (tap == ProcessorTap.Output) tap(frames)
        return true
    }

    /** Copies [frames] frames of [tapSource] into [tapRing], recording in [tapLog] where frames had no room. */
    private fun tap(frames: Int) {
        val ring = tapRing ?: return
        val written = ring.write(tapSource, 0, frames)
        if (written < frames) {
            pendingDropped += frames - written
            tapDropped.add((frames - written).toLong())
        }
        if (pendingDropped > 0 && tapLog.offer(ring.totalWritten, StatusFlags.INPUT_OVERFLOW, pendingDropped, 0)) pendingDropped = 0
    }

    private companion object {
        const val XRUN_FLAGS = StatusFlags.XRUN or StatusFlags.INPUT_OVERFLOW or StatusFlags.OUTPUT_UNDERFLOW
    }
}
