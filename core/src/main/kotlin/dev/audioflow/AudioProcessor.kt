package dev.audioflow

/**
 * Audio-thread processing: code the native callback itself runs every cycle, between the
 * cycle's input and output, for synths, live effects and monitoring that must add no latency
 * (what PyAudio's and sounddevice's callbacks, or JACK's process callback, give their users).
 * Register one with [process].
 *
 * **Realtime contract.** [process] runs on the backend's realtime thread under the same rule as
 * the library's own callback code: it must not allocate, lock, log, block, make a system call or
 * touch a coroutine, and should take a small, bounded share of the cycle. Parameters come in
 * from other threads through lock-free atomics or `@Volatile` fields. Prove a processor
 * allocation-free with `dev.audioflow.testing.Processors.assertAllocationFree`. An exception it
 * throws never reaches native code: the stream plays silence from then on and [process] fails
 * with an [AudioException] of kind [AudioErrorKind.BackendError] carrying it as cause.
 *
 * ```
 * val gain = AtomicInteger(java.lang.Float.floatToIntBits(0.5f))          // set from the UI
 * device.process(config) { input, output, frames, _ ->
 *     val g = java.lang.Float.intBitsToFloat(gain.get())
 *     for (i in 0 until frames * 2) output[i] = input[i] * g
 * }
 * ```
 */
@DelicateAudioApi
public fun interface AudioProcessor {
    /**
     * One cycle: [frames] interleaved input frames in [input] (the stream's input channels per
     * frame; zeros without input), to be turned into [frames] interleaved output frames in
     * [output] (its output channels; it holds the previous cycle's output until written). Both
     * arrays are the library's, reused every cycle and longer than needed: use the first
     * `frames × channels` floats and keep no reference. [cycle] tells the cycle's position, time
     * and status; it too is reused.
     */
    public fun process(input: FloatArray, output: FloatArray, frames: Int, cycle: ProcessCycle)
}

/**
 * What an [AudioProcessor] learns about the cycle it processes. One instance per stream, reused
 * every cycle (read it during [AudioProcessor.process], do not keep it); settable only by the
 * library, constructible for tests that call a processor directly.
 *
 * @param frameIndex position of the cycle's first frame in the stream.
 * @param timeNanos capture time of the cycle's first frame on the backend's clock, in nanoseconds.
 * @param xrun whether the backend reported an xrun or a native overflow/underflow in this cycle.
 */
@DelicateAudioApi
public class ProcessCycle @JvmOverloads constructor(frameIndex: Long = 0, timeNanos: Long = 0, xrun: Boolean = false) {
    /** Position of the cycle's first frame in the stream (frames since the stream started). */
    public var frameIndex: Long = frameIndex
        internal set

    /** Capture time of the cycle's first frame on the backend's clock, in nanoseconds. */
    public var timeNanos: Long = timeNanos
        internal set

    /** Whether the backend reported an xrun or a native overflow/underflow in this cycle. */
    public var xrun: Boolean = xrun
        internal set
}
