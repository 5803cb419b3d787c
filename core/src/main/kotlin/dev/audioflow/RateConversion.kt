package dev.audioflow

import dev.audioflow.spi.ResampleQuality

/**
 * Opt-in sample-rate conversion, as a [StreamConfig] setting: when a device cannot run the
 * stream's rate (its backend's [AudioBackend.checkFormat] says so), the stream opens at the
 * device's default rate instead and the library's resampler converts between the two on the
 * coroutine side (input after capture, output before playback), rather than failing with
 * [AudioErrorKind.UnsupportedFormat]. A device that runs the rate is opened as without it.
 *
 * A converted stream says so in [StreamInfo.description] ("converted 44100 Hz ↔ 48000 Hz by
 * polyphase, HIGH") and its [StreamInfo.inputLatency] / [StreamInfo.outputLatency] include the
 * resampler's own delay, measured once when the stream opens. Its [StreamInfo.sampleRate] stays
 * the device's. Needs a registered resampler (`audioflow-flow-operators` or `audioflow-soxr` on
 * the class path), else the stream fails with [AudioErrorKind.BackendUnavailable].
 *
 * Input and output streams only; a duplex stream at a rate its device cannot run still fails.
 *
 * Thread: an immutable value, any.
 *
 * ```
 * val config = StreamConfig(AudioFormat(44_100, 2), settings = listOf(RateConversion()))
 * jackDevice.input(config).collect { block -> ... }   // 44.1 kHz blocks from a 48 kHz server
 * ```
 *
 * @property quality the resampler's quality.
 */
public class RateConversion @JvmOverloads constructor(public val quality: ResampleQuality = ResampleQuality.HIGH) : BackendSettings {
    override fun equals(other: Any?): Boolean = other is RateConversion && other.quality == quality

    override fun hashCode(): Int = quality.hashCode()

    override fun toString(): String = "RateConversion($quality)"
}
