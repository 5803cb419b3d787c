@file:OptIn(DelicateAudioApi::class)

package dev.audioflow

import dev.audioflow.spi.FloatRing

/**
 * Suggested device latency, as in PortAudio and python-sounddevice.
 *
 * [Low] and [High] pick the device's default low/high latency; [Seconds] asks for an explicit
 * value. The backend may round it; the actual figure is in [StreamInfo].
 */
public sealed class Latency {
    /** The device's default low latency: for interactive use. */
    public object Low : Latency() {
        override fun toString(): String = "low"
    }

    /** The device's default high latency: for robust playback and recording. */
    public object High : Latency() {
        override fun toString(): String = "high"
    }

    /** An explicit latency in seconds (finite, 0..10). */
    public data class Seconds(public val seconds: Double) : Latency() {
        init {
            AudioException.require(seconds.isFinite() && seconds in 0.0..10.0) {
                "latency must be between 0 and 10 seconds, was $seconds"
            }
        }

        override fun toString(): String = "${seconds}s"
    }

    public companion object {
        /**
         * Parses `low`, `high` or a number of seconds.
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] naming the value otherwise.
         */
        @JvmStatic
        public fun parse(text: String): Latency = when (text.trim().lowercase()) {
            "low" -> Low
            "high" -> High
            else -> Seconds(
                text.trim().toDoubleOrNull()
                    ?: throw AudioException(AudioErrorKind.InvalidArgument, "latency must be low, high or seconds, was '$text'"),
            )
        }
    }
}

/**
 * Backend-specific stream settings (PortAudio host-API settings, JACK port options).
 *
 * Each backend defines its own implementations and ignores ones it does not know, so one
 * [StreamConfig] can carry settings for several backends.
 */
public interface BackendSettings

/**
 * How a stream is opened: format, block size, latency and buffering.
 *
 * @property format sample rate and channel count on the application side (float32,
 *   interleaved). For a duplex stream this is the input side; see [outputChannels].
 * @property blockFrames frames per delivered block and per native callback; 0 means
 *   "unspecified" (the backend picks, blocks may vary in size, like `paFramesPerBufferUnspecified`).
 * @property latency suggested device latency.
 * @property ringFrames capacity of each ring between the native callback and the coroutine side;
 *   0 picks a default of 8 blocks and at least 100 ms. Larger rings tolerate slower consumers at
 *   the cost of latency on output.
 * @property outputChannels channels on the output side of a duplex stream; 0 means same as [format].
 * @property recycleBlocks deliver input blocks whose sample array is reused once the collector
 *   returns: no allocation per block, but the collector must [FloatBlock.copy] a block it keeps.
 * @property settings backend-specific settings.
 * @throws AudioException [AudioErrorKind.InvalidArgument] naming any value out of range.
 */
public data class StreamConfig @JvmOverloads constructor(
    public val format: AudioFormat,
    public val blockFrames: Int = 256,
    public val latency: Latency = Latency.High,
    public val ringFrames: Int = 0,
    public val outputChannels: Int = 0,
    @property:DelicateAudioApi public val recycleBlocks: Boolean = false,
    public val settings: List<BackendSettings> = emptyList(),
) {
    init {
        AudioException.require(blockFrames in 0..MAX_BLOCK_FRAMES) {
            "blockFrames must be in 0..$MAX_BLOCK_FRAMES (0 = unspecified), was $blockFrames"
        }
        AudioException.require(ringFrames == 0 || ringFrames in 1..FloatRing.MAX_FRAMES) {
            "ringFrames must be 0 (automatic) or in 1..${FloatRing.MAX_FRAMES}, was $ringFrames"
        }
        AudioException.require(ringFrames == 0 || ringFrames >= blockFrames) {
            "ringFrames ($ringFrames) must hold at least one block of $blockFrames frames"
        }
        AudioException.require(outputChannels in 0..AudioFormat.MAX_CHANNELS) {
            "outputChannels must be in 0..${AudioFormat.MAX_CHANNELS}, was $outputChannels"
        }
    }

    /** Channels on the output side: [outputChannels] or, when 0, the format's. */
    public val effectiveOutputChannels: Int get() = if (outputChannels == 0) format.channels else outputChannels

    /** Block size used for pacing and buffering when [blockFrames] is 0: 256 frames. */
    public val nominalBlockFrames: Int get() = if (blockFrames == 0) DEFAULT_BLOCK_FRAMES else blockFrames

    /** Ring capacity in frames before power-of-two rounding. */
    public val effectiveRingFrames: Int
        get() = if (ringFrames != 0) ringFrames else maxOf(nominalBlockFrames * 8, format.sampleRate / 10)

    /** The first setting of type [T], or null. */
    public inline fun <reified T : BackendSettings> setting(): T? = settings.filterIsInstance<T>().firstOrNull()

    public companion object {
        /** Largest block accepted: 2^20 frames. */
        public const val MAX_BLOCK_FRAMES: Int = 1 shl 20

        /** Block size used when the caller leaves it unspecified. */
        public const val DEFAULT_BLOCK_FRAMES: Int = 256
    }
}
