@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.internal

import dev.audioflow.AudioDevice
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.FormatCheck
import dev.audioflow.RateConversion
import dev.audioflow.StreamConfig
import dev.audioflow.StreamInfo
import dev.audioflow.spi.ResamplerProvider
import dev.audioflow.spi.Resamplers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration

/**
 * A stream that [RateConversion] opens at its device's rate: [deviceConfig] is what the device
 * gets, [convert] turns blocks from one rate to the other, [describe] states the conversion in
 * the stream's [StreamInfo]. Made by [of] only when the device cannot run the requested rate.
 */
internal class RateConverter private constructor(
    private val requested: StreamConfig,
    val deviceConfig: StreamConfig,
    private val provider: ResamplerProvider,
    private val conversion: RateConversion,
    private val input: Boolean,
) {
    private val requestedRate = requested.format.sampleRate
    private val deviceRate = deviceConfig.format.sampleRate

    /** The rate blocks are converted from and to: device to requested for input, the reverse for output. */
    private val from = if (input) deviceRate else requestedRate
    private val to = if (input) requestedRate else deviceRate

    /** The resampler's delay in the stream's direction, from one block through a fresh resampler. */
    private val delay: Duration = run {
        val frames = deviceConfig.nominalBlockFrames
        provider.create(from, to, 1, conversion.quality).use { r ->
            val got = r.process(FloatArray(frames), frames).size
            val due = Resamplers.outputFrames(frames.toLong(), from, to)
            AudioFormat(to, 1).durationOf((due - got).coerceAtLeast(0))
        }
    }

    /** [info] with the conversion stated and its delay added to the converted side. */
    fun describe(info: StreamInfo): StreamInfo = info.copy(
        description = "${info.description}, converted $requestedRate Hz ↔ $deviceRate Hz by ${provider.name}, ${conversion.quality}",
        inputLatency = if (input) info.inputLatency + delay else info.inputLatency,
        outputLatency = if (input) info.outputLatency else info.outputLatency + delay,
        roundTripLatency = info.roundTripLatency + delay,
    )

    /** [blocks] at [from] Hz as blocks at [to] Hz, statuses carried, frame indices counted at [to]. */
    fun convert(blocks: Flow<FloatBlock>): Flow<FloatBlock> {
        return flow {
            val channels = requested.format.channels
            val format = AudioFormat(to, channels)
            provider.create(from, to, channels, conversion.quality).use { resampler ->
                var position = 0L
                var status = dev.audioflow.BlockStatus.CLEAR
                blocks.collect { block ->
                    val out = resampler.process(block.samples, block.frames)
                    if (!block.status.isClear) status = block.status
                    if (out.isNotEmpty()) {
                        emit(FloatBlock(format, out, position, format.nanosOf(position), status))
                        position += out.size / channels
                        status = dev.audioflow.BlockStatus.CLEAR
                    }
                }
                val tail = resampler.finish()
                if (tail.isNotEmpty()) emit(FloatBlock(format, tail, position, format.nanosOf(position), status))
            }
        }
    }

    companion object {
        /**
         * The converter for [config] on [device] ([input] side, else output), or null when
         * [config] has no [RateConversion] or the device runs its rate.
         */
        fun of(device: AudioDevice, config: StreamConfig, input: Boolean): RateConverter? {
            val conversion = config.setting<RateConversion>() ?: return null
            val check = if (input) device.backend.checkFormat(device, null, config) else device.backend.checkFormat(null, device, config)
            if (check !is FormatCheck.Unsupported) return null
            val deviceRate = device.defaultSampleRate
            if (deviceRate == config.format.sampleRate) return null
            val deviceConfig = config.copy(
                format = config.format.copy(sampleRate = deviceRate),
                settings = config.settings.filter { it !is RateConversion },
            )
            return RateConverter(config, deviceConfig, Resamplers.best(), conversion, input)
        }
    }
}
