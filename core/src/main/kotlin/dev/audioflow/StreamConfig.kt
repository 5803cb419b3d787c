@file:OptIn(DelicateAudioApi::class)

package dev.audioflow

import dev.audioflow.spi.FloatRing

/**
 * Backend-specific stream settings (PortAudio host-API settings, JACK port options).
 *
 * Each backend defines its own implementations and ignores ones it does not know, so one
 * [StreamConfig] can carry settings for several backends.
 */
public interface BackendSettings

/**
 * How a stream is opened: format, block size, latency and buffering. Immutable; validated on
 * construction.
 *
 * ```
 * StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(128), Latency.Low)
 * ```
 *
 * @property format sample rate and channel count on the application side (float32,
 *   interleaved). For a duplex stream this is the input side; see [outputChannels].
 * @property blockSize frames per delivered block and per native callback.
 * @property latency suggested device latency.
 * @property ringFrames capacity of each ring between the native callback and the coroutine side,
 *   or null (the default) for 8 blocks and at least 100 ms. Larger rings tolerate slower
 *   consumers at the cost of latency on output. Null rather than a sentinel count: "let the
 *   library choose" is the absence of a value, and [effectiveRingFrames] is what was chosen.
 * @property outputChannels channels on the output side of a duplex stream, or null (the default)
 *   for as many as [format] has; [effectiveOutputChannels] is the resolved count.
 * @property duplexBlocks blocks a duplex stream queues between its input and its output (1 to 16,
 *   default 1, the least a Flow can take): its target latency on top of the device's round trip.
 *   An underflow that delays the output is taken back to this target ([BlockStatus.resync]); more
 *   blocks tolerate a slower or less regular transform without underflowing.
 * @property recycleBlocks deliver input blocks whose sample array is reused once the collector
 *   returns: no allocation per block, but the collector must [FloatBlock.copy] a block it keeps.
 * @property settings backend-specific settings.
 * @throws AudioException [AudioErrorKind.InvalidArgument] naming any value out of range.
 */
public data class StreamConfig @JvmOverloads constructor(
    public val format: AudioFormat,
    public val blockSize: BlockSize = BlockSize.DEFAULT,
    public val latency: Latency = Latency.High,
    public val ringFrames: Int? = null,
    public val outputChannels: Int? = null,
    @property:DelicateAudioApi public val recycleBlocks: Boolean = false,
    public val settings: List<BackendSettings> = emptyList(),
    public val duplexBlocks: Int = 1,
) {
    init {
        if (ringFrames != null) {
            AudioException.require(ringFrames in 1..FloatRing.MAX_FRAMES) {
                "ringFrames must be in 1..${FloatRing.MAX_FRAMES} (or null for automatic), was $ringFrames"
            }
            AudioException.require(ringFrames >= nominalBlockFrames) {
                "ringFrames ($ringFrames) must hold at least one block of $nominalBlockFrames frames"
            }
        }
        AudioException.require(duplexBlocks in 1..MAX_DUPLEX_BLOCKS) {
            "duplexBlocks must be in 1..$MAX_DUPLEX_BLOCKS, was $duplexBlocks"
        }
        AudioException.require(outputChannels == null || outputChannels in 1..AudioFormat.MAX_CHANNELS) {
            "outputChannels must be in 1..${AudioFormat.MAX_CHANNELS} (or null for the format's), was $outputChannels"
        }
    }

    /**
     * This config with [more] settings after its own: the Java way to add one without the full
     * constructor (`config.withSettings(StreamThreadPlacement.Free)`). Pure; any thread.
     */
    public fun withSettings(vararg more: BackendSettings): StreamConfig = copy(settings = settings + more)

    /** Channels on the output side: [outputChannels] or, when null, the format's. */
    public val effectiveOutputChannels: Int get() = outputChannels ?: format.channels

    /** Frames the stream paces and buffers by: the fixed block size, or 256 for [BlockSize.Variable]. */
    public val nominalBlockFrames: Int get() = blockSize.nominalFrames

    /** Ring capacity in frames before power-of-two rounding: [ringFrames] or the automatic choice. */
    public val effectiveRingFrames: Int
        get() = ringFrames ?: maxOf(nominalBlockFrames * 8, format.sampleRate / 10)

    /** Frames a duplex stream queues between input and output: [duplexBlocks] blocks. */
    public val duplexQueueFrames: Int get() = nominalBlockFrames * duplexBlocks

    /** The first setting of type [T], or null. */
    public inline fun <reified T : BackendSettings> setting(): T? = settings.filterIsInstance<T>().firstOrNull()

    private companion object {
        const val MAX_DUPLEX_BLOCKS = 16
    }
}
