package dev.audioflow.javasound.internal

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FormatCheck
import dev.audioflow.Latency
import dev.audioflow.StreamConfig
import dev.audioflow.javasound.JavaSoundBackend
import dev.audioflow.javasound.JavaSoundDevice
import dev.audioflow.javasound.JavaSoundSettings
import dev.audioflow.spi.StreamRequest
import javax.sound.sampled.DataLine
import javax.sound.sampled.LineUnavailableException
import javax.sound.sampled.Mixer
import javax.sound.sampled.SourceDataLine
import javax.sound.sampled.TargetDataLine
import kotlin.time.Duration

/**
 * Checks and opens the lines of a stream on the mixers currently listed under the devices'
 * names ([currentInfo] finds them), in the stream's rate and channels and
 * [JavaSoundSettings.sampleFormat], with buffers of the stream's latency.
 */
internal class LineOpener(private val system: MixerSystem, private val currentInfo: (JavaSoundDevice) -> Mixer.Info) {
    /** Whether each side's mixer supports a line of the stream's format; the reason lists the rates it supports. */
    fun check(input: JavaSoundDevice?, output: JavaSoundDevice?, config: StreamConfig): FormatCheck {
        val settings = settingsOf(config)
        if (input != null) check(input, TargetDataLine::class.java, config.format.channels, config, settings)?.let { return it }
        if (output != null) {
            val channels = if (input != null) config.effectiveOutputChannels else config.format.channels
            check(output, SourceDataLine::class.java, channels, config, settings)?.let { return it }
        }
        return FormatCheck.Supported
    }

    private fun check(device: JavaSoundDevice, lineClass: Class<out DataLine>, channels: Int, config: StreamConfig, settings: JavaSoundSettings): FormatCheck? {
        val info = try {
            currentInfo(device)
        } catch (e: AudioException) {
            return FormatCheck.Unsupported(e.message)
        }
        val format = lineFormat(settings.sampleFormat, config.format.sampleRate, channels)
        if (system.mixer(info).isLineSupported(DataLine.Info(lineClass, format))) return null
        return FormatCheck.Unsupported(
            "Java Sound device '${device.name}' has no ${side(lineClass)} line for ${config.format.sampleRate} Hz × $channels ch " +
                "${settings.sampleFormat} (supported rates: ${device.supportedSampleRates.joinToString(", ").ifEmpty { "none" }})",
        )
    }

    /**
     * Opens the request's lines; closes any it opened before throwing.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] when Java Sound cannot get a line now,
     *   [AudioErrorKind.UnsupportedFormat] when the mixer refuses the format.
     */
    @OptIn(DelicateAudioApi::class)
    fun open(request: StreamRequest): OpenLines {
        val config = request.config
        val settings = settingsOf(config)
        val input = request.input?.let { open(it as JavaSoundDevice, TargetDataLine::class.java, request.inputChannels, config, settings) as TargetDataLine }
        val output = try {
            request.output?.let { open(it as JavaSoundDevice, SourceDataLine::class.java, request.outputChannels, config, settings) as SourceDataLine }
        } catch (e: AudioException) {
            input?.close()
            throw e
        }
        return OpenLines(input, output, request.input?.name, request.output?.name, settings.sampleFormat)
    }

    private fun open(device: JavaSoundDevice, lineClass: Class<out DataLine>, channels: Int, config: StreamConfig, settings: JavaSoundSettings): DataLine {
        val format = lineFormat(settings.sampleFormat, config.format.sampleRate, channels)
        val frames = maxOf(settings.lineBufferFrames ?: config.format.framesOf(latencyOf(device, lineClass, config.latency)).toInt(), config.nominalBlockFrames * 2)
        val bytes = frames * format.frameSize
        val mixer = system.mixer(currentInfo(device))
        return try {
            val line = mixer.getLine(DataLine.Info(lineClass, format, bytes)) as DataLine
            when (line) {
                is TargetDataLine -> line.open(format, bytes)
                is SourceDataLine -> line.open(format, bytes)
            }
            line
        } catch (e: LineUnavailableException) {
            throw AudioException(AudioErrorKind.DeviceBusy, "Java Sound device '${device.name}' has no ${side(lineClass)} line free for $format: ${e.message}", e, JavaSoundBackend.NAME)
        } catch (e: IllegalArgumentException) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "Java Sound device '${device.name}' refused a ${side(lineClass)} line for $format: ${e.message}", e, JavaSoundBackend.NAME)
        }
    }

    private fun latencyOf(device: AudioDevice, lineClass: Class<out DataLine>, latency: Latency): Duration {
        val input = lineClass == TargetDataLine::class.java
        return when (latency) {
            Latency.Low -> if (input) device.defaultLowInputLatency else device.defaultLowOutputLatency
            Latency.High -> if (input) device.defaultHighInputLatency else device.defaultHighOutputLatency
            is Latency.Explicit -> latency.duration
        }
    }

    private fun side(lineClass: Class<out DataLine>) = if (lineClass == TargetDataLine::class.java) "input" else "output"

    private fun settingsOf(config: StreamConfig): JavaSoundSettings = config.setting<JavaSoundSettings>() ?: DEFAULT_SETTINGS

    private companion object {
        val DEFAULT_SETTINGS = JavaSoundSettings()
    }
}
