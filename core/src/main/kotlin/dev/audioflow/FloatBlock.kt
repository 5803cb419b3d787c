package dev.audioflow

/**
 * One block of interleaved float audio with its place in the stream and its glitch status.
 *
 * Samples are interleaved: frame `f`, channel `c` is `samples[f * channels + c]`, nominally in
 * -1.0..1.0. [samples] holds exactly `frames * channels` values.
 *
 * **Ownership.** A block emitted by an audioflow Flow belongs to the collector, which may keep
 * it and its array for as long as it likes: producers never write to an array after emitting
 * it. The one exception is a stream opened with [StreamConfig.recycleBlocks]: its blocks are
 * valid only until the collector returns from handling them, and a collector that keeps one
 * must [copy] it. Operators never modify an input block's array in place.
 *
 * @property format sample rate and channel count.
 * @property samples interleaved samples, `frames * channels` long.
 * @property frameIndex stream position of the first frame: frames delivered before it in this
 *   stream. Consecutive blocks of a Flow have contiguous indices; frames lost to an overflow
 *   are counted in [BlockStatus.droppedFrames] instead of leaving a gap.
 * @property timestampNanos time of the first frame on the backend's stream clock in
 *   nanoseconds (PortAudio stream time, JACK frame time, or frame-derived for virtual devices).
 * @property status glitches affecting these frames.
 */
public class FloatBlock @JvmOverloads constructor(
    public val format: AudioFormat,
    public val samples: FloatArray,
    public val frameIndex: Long = 0,
    public val timestampNanos: Long = format.nanosOf(frameIndex),
    public val status: BlockStatus = BlockStatus.CLEAR,
) {
    init {
        AudioException.require(samples.size % format.channels == 0) {
            "samples.size ${samples.size} is not a multiple of channels ${format.channels}"
        }
        AudioException.require(frameIndex >= 0) { "frameIndex must be >= 0, was $frameIndex" }
    }

    /** Number of frames. */
    public val frames: Int get() = samples.size / format.channels

    /** Number of interleaved channels. */
    public val channels: Int get() = format.channels

    /** Sample rate in Hz. */
    public val sampleRate: Int get() = format.sampleRate

    /** Stream position just after the last frame. */
    public val endFrameIndex: Long get() = frameIndex + frames

    /** Sample of [channel] at [frame]. */
    public operator fun get(frame: Int, channel: Int): Float = samples[frame * format.channels + channel]

    /** A block with the same position and timing but other [samples] (and optionally format and status). */
    @JvmOverloads
    public fun withSamples(
        samples: FloatArray,
        format: AudioFormat = this.format,
        status: BlockStatus = this.status,
    ): FloatBlock = FloatBlock(format, samples, frameIndex, timestampNanos, status)

    /** A block with [status] combined into this one's. */
    public fun withStatus(status: BlockStatus): FloatBlock =
        if (status.isClear) this else FloatBlock(format, samples, frameIndex, timestampNanos, this.status or status)

    /** A deep copy that owns a fresh sample array. */
    public fun copy(): FloatBlock = FloatBlock(format, samples.copyOf(), frameIndex, timestampNanos, status)

    override fun toString(): String =
        "FloatBlock($format, frames=$frames, frameIndex=$frameIndex, $status)"
}
