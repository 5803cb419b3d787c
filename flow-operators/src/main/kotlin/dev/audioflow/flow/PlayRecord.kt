@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.duplex
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlin.time.Duration

/**
 * Plays interleaved [samples] in [format] on [device] and suspends until every frame has been
 * played out, like python-sounddevice's `play(...); wait()`.
 *
 * ```
 * play(tone, AudioFormat(48_000, 1))                       // default output device
 * play(tone, AudioFormat(48_000, 1), backend.findDevice("USB"))
 * ```
 *
 * Thread: suspends (never blocks) the caller; cancelling it stops playback and closes the
 * device before returning. [samples] must not change while playing.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the sample count is
 *   not a multiple of the channel count, or the device has too few output channels; the
 *   backend's kinds when the device cannot be opened.
 */
@JvmSynthetic
public suspend fun play(
    samples: FloatArray,
    format: AudioFormat,
    device: AudioDevice = AudioBackends.default().defaultOutputDevice(),
    blockFrames: Int = BlockSize.DEFAULT_FRAMES,
) {
    samples.asAudioFlow(format, blockFrames).playOn(device, StreamConfig(format, BlockSize.Fixed(blockFrames)))
}

/**
 * Records [frames] frames in [format] from [device] and returns them interleaved, like
 * python-sounddevice's `rec(...); wait()`.
 *
 * ```
 * val take = record(48_000, AudioFormat(48_000, 2))
 * ```
 *
 * Thread: suspends the caller; cancelling it closes the device and discards the recording.
 * Glitches during the recording (overflows) are not reported; use `input(...)` with
 * [failOnOverflow] or [onStatus] when they matter.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative count or
 *   one too large for an array, or a device with too few input channels; the backend's kinds
 *   when the device cannot be opened.
 */
@JvmSynthetic
public suspend fun record(
    frames: Long,
    format: AudioFormat,
    device: AudioDevice = AudioBackends.default().defaultInputDevice(),
    blockFrames: Int = BlockSize.DEFAULT_FRAMES,
): FloatArray {
    AudioException.require(frames >= 0 && frames * format.channels <= MAX_ARRAY) {
        "record frames must be in 0..${MAX_ARRAY / format.channels} for $format, was $frames"
    }
    if (frames == 0L) return FloatArray(0)
    return device.input(StreamConfig(format, BlockSize.Fixed(blockFrames))).takeFrames(frames).toSamples()
}

/**
 * Records [duration] (rounded to the nearest frame) in [format] from [device]; see the frame-count overload.
 *
 * ```
 * val fiveSeconds = record(5.seconds, AudioFormat(48_000, 1))
 * ```
 */
@JvmSynthetic
public suspend fun record(
    duration: Duration,
    format: AudioFormat,
    device: AudioDevice = AudioBackends.default().defaultInputDevice(),
    blockFrames: Int = BlockSize.DEFAULT_FRAMES,
): FloatArray {
    checkDuration(duration, "record duration")
    return record(format.framesOf(duration), format, device, blockFrames)
}

/**
 * Plays interleaved [samples] in [format] on [device] while recording [inputChannels] channels
 * from it, in one duplex stream, and returns as many recorded frames as were played, aligned:
 * recorded frame `k` was captured while played frame `k` was handed to the device (like
 * python-sounddevice's `playrec`). The device's own input and output latencies are not
 * subtracted, so a loopback cable shows them as a delay in the recording.
 *
 * ```
 * val response = playRecord(sweepSamples, AudioFormat(48_000, 1), inputChannels = 1)
 * ```
 *
 * Thread: suspends the caller; cancelling it closes the device.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the sample count
 *   is not a multiple of the channel count, [inputChannels] is out of range, or the device
 *   lacks the channels; the backend's kinds when it cannot be opened.
 */
@JvmSynthetic
public suspend fun playRecord(
    samples: FloatArray,
    format: AudioFormat,
    inputChannels: Int,
    device: AudioDevice = AudioBackends.default().defaultInputDevice(),
    blockFrames: Int = BlockSize.DEFAULT_FRAMES,
): FloatArray {
    AudioException.require(samples.size % format.channels == 0) {
        "sample array size ${samples.size} is not a multiple of ${format.channels} channels"
    }
    AudioException.require(inputChannels in 1..AudioFormat.MAX_CHANNELS) {
        "inputChannels must be in 1..${AudioFormat.MAX_CHANNELS}, was $inputChannels"
    }
    val frames = samples.size / format.channels
    val config = StreamConfig(format.withChannels(inputChannels), BlockSize.Fixed(blockFrames), outputChannels = format.channels)
    @OptIn(DelicateAudioApi::class)
    val lead = duplexPrefillFrames(config).toLong()
    val recorded = FloatArray(frames * inputChannels)
    device.duplex(config) { input ->
        input.takeFrames(lead + frames).onEach { block ->
            copyOverlap(block.samples, block.frameIndex - lead, block.frames, recorded, frames, inputChannels)
        }.playSlices(samples, format, frames)
    }
    return recorded
}

/** For each input block, the slice of [samples] at the same frame positions (silence past their end). */
private fun Flow<FloatBlock>.playSlices(samples: FloatArray, format: AudioFormat, frames: Int): Flow<FloatBlock> = map { block ->
    val out = FloatArray(block.frames * format.channels)
    copyOverlap(samples, -block.frameIndex, frames, out, block.frames, format.channels)
    block.withSamples(out, format)
}

/**
 * Copies the frames of [src] (holding [srcFrames] frames that start at frame [srcStart] of [dst]'s
 * timeline) that fall inside [dst] (holding [dstFrames] frames starting at 0).
 */
private fun copyOverlap(src: FloatArray, srcStart: Long, srcFrames: Int, dst: FloatArray, dstFrames: Int, channels: Int) {
    val from = maxOf(0L, srcStart)
    val to = minOf(dstFrames.toLong(), srcStart + srcFrames)
    if (to <= from) return
    System.arraycopy(src, ((from - srcStart) * channels).toInt(), dst, (from * channels).toInt(), ((to - from) * channels).toInt())
}
