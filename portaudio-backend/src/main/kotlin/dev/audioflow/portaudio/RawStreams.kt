@file:JvmName("PortAudioRawStreams")

package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map

/**
 * A block of interleaved little-endian samples in the device's own [sampleFormat], as
 * exchanged with PortAudio by [rawInput] and [playRawOn].
 *
 * @property sampleFormat encoding of [bytes].
 * @property format sample rate and channel count.
 * @property bytes `frames * channels * sampleFormat.bytesPerSample` bytes.
 * @property frameIndex stream position of the first frame.
 * @property timestampNanos time of the first frame on PortAudio's stream clock.
 * @property status glitches affecting these frames.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when [bytes] is not a
 *   whole number of frames.
 */
public class RawBlock @JvmOverloads constructor(
    public val sampleFormat: SampleFormat,
    public val format: AudioFormat,
    public val bytes: ByteArray,
    public val frameIndex: Long = 0,
    public val timestampNanos: Long = format.nanosOf(frameIndex),
    public val status: BlockStatus = BlockStatus.CLEAR,
) {
    init {
        AudioException.require(bytes.size % (format.channels * sampleFormat.bytesPerSample) == 0) {
            "${bytes.size} bytes is not a whole number of ${format.channels}-channel ${sampleFormat.name} frames"
        }
    }

    /** Number of frames. */
    public val frames: Int get() = bytes.size / (format.channels * sampleFormat.bytesPerSample)

    override fun toString(): String = "RawBlock($sampleFormat, $format, frames=$frames, frameIndex=$frameIndex, $status)"
}

/**
 * Captures from this device in [sampleFormat] as PortAudio delivers it, untouched by PortAudio's
 * converters: the raw-bytes counterpart of [input]. Same lifecycle, blocking and error contract
 * as [input]; other [PortAudioSettings] in [config] are kept, with their
 * [PortAudioSettings.deviceSampleFormat] replaced.
 *
 * Bytes are exact for [SampleFormat.INT8], [SampleFormat.UINT8], [SampleFormat.INT16] and
 * [SampleFormat.INT24]; [SampleFormat.INT32] samples keep their top 24 bits (the float ring's
 * precision).
 */
@JvmOverloads
public fun PortAudioDevice.rawInput(config: StreamConfig, sampleFormat: SampleFormat, monitor: StreamMonitor? = null): Flow<RawBlock> =
    input(config.withDeviceFormat(sampleFormat), monitor).map { block ->
        RawBlock(sampleFormat, block.format, sampleFormat.encode(block.samples), block.frameIndex, block.timestampNanos, block.status)
    }

/**
 * Plays raw blocks on [device] in their own sample format, which PortAudio passes to the device
 * without converting: the raw-bytes counterpart of [playOn]. Every block must have
 * [config]'s format and the first block's sample format.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a block whose
 *   sample format, rate or channel count differs.
 */
@JvmSynthetic
public suspend fun Flow<RawBlock>.playRawOn(device: PortAudioDevice, config: StreamConfig, sampleFormat: SampleFormat, monitor: StreamMonitor? = null) {
    map { raw ->
        AudioException.require(raw.sampleFormat == sampleFormat) { "block is ${raw.sampleFormat} but the stream plays $sampleFormat" }
        FloatBlock(raw.format, sampleFormat.decode(raw.bytes), raw.frameIndex, raw.timestampNanos, raw.status)
    }.playOn(device, config.withDeviceFormat(sampleFormat), monitor)
}

private fun StreamConfig.withDeviceFormat(sampleFormat: SampleFormat): StreamConfig {
    val current = setting<PortAudioSettings>()
    val updated = (current ?: PortAudioSettings()).copy(deviceSampleFormat = sampleFormat)
    return copy(settings = settings.filter { it !== current } + updated)
}
