@file:JvmName("ChannelChecks")

package dev.audioflow.spi

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FormatCheck
import dev.audioflow.StreamConfig

/**
 * Backend SPI: whether [input] and [output] have the channels [config] asks for: the format's
 * channels on the input side (or on the output side of an output-only stream) and
 * [StreamConfig.effectiveOutputChannels] on the output side of a duplex stream. Shared by the
 * stream lifecycle and every backend's [AudioBackend.checkFormat]; the reason names the device
 * and both counts.
 *
 * Thread: any; never blocks, never throws (an unsupported configuration is the answer, not an error).
 *
 * ```
 * override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
 *     if (config.format.sampleRate != RATE) return FormatCheck.Unsupported("only $RATE Hz, ${config.format.sampleRate} Hz requested")
 *     return checkChannels(input, output, config)
 * }
 * ```
 */
@DelicateAudioApi
public fun checkChannels(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
    if (input != null) {
        if (input.maxInputChannels == 0) return FormatCheck.Unsupported("device '${input.name}' (id ${input.id}) has no input channels")
        if (config.format.channels > input.maxInputChannels) {
            return FormatCheck.Unsupported(
                "device '${input.name}' (id ${input.id}) has ${input.maxInputChannels} input channels, ${config.format.channels} requested",
            )
        }
    }
    if (output != null) {
        if (output.maxOutputChannels == 0) return FormatCheck.Unsupported("device '${output.name}' (id ${output.id}) has no output channels")
        val channels = if (input != null) config.effectiveOutputChannels else config.format.channels
        if (channels > output.maxOutputChannels) {
            return FormatCheck.Unsupported(
                "device '${output.name}' (id ${output.id}) has ${output.maxOutputChannels} output channels, $channels requested",
            )
        }
    }
    return FormatCheck.Supported
}

