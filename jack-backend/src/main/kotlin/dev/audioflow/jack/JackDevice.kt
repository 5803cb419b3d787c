package dev.audioflow.jack

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FormatCheck
import dev.audioflow.StreamConfig
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.checkChannels
import kotlin.time.Duration

/** A JACK device: the server ([JackBackend]'s view) or a set of a client's ports ([JackClient.device]). */
internal sealed class JackDevice : AudioDevice {
    companion object {
        /**
         * The format check both JACK backends share: every device is one of [backend]'s, the rate
         * is the server's (JACK does not resample) and the devices have the channels.
         */
        @OptIn(DelicateAudioApi::class)
        fun checkFormat(backend: AudioBackend, input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
            for (device in listOfNotNull(input, output)) {
                if (device !is JackDevice || device.backend !== backend) return FormatCheck.Unsupported("device '${device.name}' is not a device of this JACK backend")
            }
            val device = (input ?: output) as JackDevice? ?: return FormatCheck.Unsupported("no device given")
            if (config.format.sampleRate != device.defaultSampleRate) {
                return FormatCheck.Unsupported("JACK server runs at ${device.defaultSampleRate} Hz, ${config.format.sampleRate} Hz requested (JACK does not resample)")
            }
            return checkChannels(input, output, config)
        }

        /** [checkFormat] for a stream about to open: throws [AudioErrorKind.UnsupportedFormat] with the reason. */
        @OptIn(DelicateAudioApi::class)
        fun requireFormat(backend: AudioBackend, request: StreamRequest) {
            val check = checkFormat(backend, request.input, request.output, request.config)
            if (check is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.UnsupportedFormat, check.reason, backend = JackBackend.NAME)
        }
    }
}

/** The server seen as one device whose channels are the physical ports. */
internal class JackServerDevice(
    override val backend: JackBackend,
    override val id: String,
    override val maxInputChannels: Int,
    override val maxOutputChannels: Int,
    override val defaultSampleRate: Int,
    private val period: Duration,
) : JackDevice() {
    override val name: String get() = "JACK server '$id'"
    override val hostApi: String get() = "JACK"
    @get:JvmSynthetic override val defaultLowInputLatency: Duration get() = period
    @get:JvmSynthetic override val defaultHighInputLatency: Duration get() = period * 2
    @get:JvmSynthetic override val defaultLowOutputLatency: Duration get() = period
    @get:JvmSynthetic override val defaultHighOutputLatency: Duration get() = period * 2
    override val isDefaultInput: Boolean get() = maxInputChannels > 0
    override val isDefaultOutput: Boolean get() = maxOutputChannels > 0
    override fun toString(): String = "JackServerDevice($id, in=$maxInputChannels, out=$maxOutputChannels, $defaultSampleRate Hz)"
}

/** Ports of one client as a device of that client's [JackPortsBackend]: channel `i` is port `i` on each side. */
internal class JackPortsDevice(
    override val backend: JackPortsBackend,
    val inputs: List<OwnPort>,
    val outputs: List<OwnPort>,
) : JackDevice() {
    val client: JackClient get() = backend.client
    private val period = AudioFormat(client.sampleRate, 1).durationOf(client.bufferSize.toLong())
    override val id: String = "${client.name}:" + (inputs + outputs).joinToString(",") { it.shortName }
    override val name: String get() = "JACK ports of '${client.name}' (${inputs.size} in, ${outputs.size} out)"
    override val hostApi: String get() = "JACK"
    override val maxInputChannels: Int get() = inputs.size
    override val maxOutputChannels: Int get() = outputs.size
    override val defaultSampleRate: Int = client.sampleRate
    @get:JvmSynthetic override val defaultLowInputLatency: Duration get() = period
    @get:JvmSynthetic override val defaultHighInputLatency: Duration get() = period * 2
    @get:JvmSynthetic override val defaultLowOutputLatency: Duration get() = period
    @get:JvmSynthetic override val defaultHighOutputLatency: Duration get() = period * 2
    override val isDefaultInput: Boolean get() = false
    override val isDefaultOutput: Boolean get() = false
    override fun toString(): String = "JackPortsDevice($id)"
}
