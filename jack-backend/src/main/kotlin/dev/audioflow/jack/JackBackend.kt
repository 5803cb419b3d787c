package dev.audioflow.jack

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackendProvider
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BackendSettings
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FormatCheck
import dev.audioflow.HostApi
import dev.audioflow.StreamConfig
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.JackLibrary
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.checkChannels
import dev.audioflow.spi.StreamRequest

/**
 * JACK stream settings, passed in [StreamConfig.settings].
 *
 * @property autoConnect connect the stream's ports to the physical ports (capture `i` to input
 *   channel `i`, output channel `i` to playback `i`) when the stream starts, like pyo's JACK
 *   auto-connect; false leaves the ports unconnected for a patchbay to wire.
 * @property clientName name of the JACK client a backend-view stream opens (JACK makes it unique).
 */
public data class JackSettings @JvmOverloads constructor(
    public val autoConnect: Boolean = true,
    public val clientName: String = "audioflow",
) : BackendSettings

/**
 * The JACK server as an [AudioBackend]: one device, the server, whose input channels are the
 * physical capture ports and output channels the physical playback ports. Each stream opens
 * its own client with one port per channel (`in_1`..., `out_1`...) and, unless
 * [JackSettings.autoConnect] is false, connects them to the physical ports.
 *
 * Never starts a server. [isAvailable] opens and closes a probe client each time it is read.
 * Streams over arbitrary ports of a client use [JackClient.device] instead.
 *
 * @property serverName the server to use; null for `$JACK_DEFAULT_SERVER` or `default`.
 */
public class JackBackend @JvmOverloads public constructor(
    public val serverName: String? = null,
) : AudioBackend {
    private var boundClient: JackClient? = null

    internal constructor(serverName: String?, client: JackClient) : this(serverName) {
        boundClient = client
    }

    override val name: String get() = NAME

    override val isAvailable: Boolean get() = unavailableReason == null

    override val unavailableReason: String?
        get() = try {
            probe { }
            null
        } catch (e: AudioException) {
            e.message
        }

    override fun hostApis(): List<HostApi> {
        val device = serverDevice()
        return listOf(HostApi(0, "JACK server '${device.id}'", 0, 1, device.id.takeIf { device.maxInputChannels > 0 }, device.id.takeIf { device.maxOutputChannels > 0 }))
    }

    override fun devices(): List<AudioDevice> = listOf(serverDevice())

    override fun defaultInputDevice(): AudioDevice = serverDevice().also {
        if (it.maxInputChannels == 0) throw AudioException(AudioErrorKind.DeviceNotFound, "JACK server '${it.id}' has no physical capture ports", backend = NAME)
    }

    override fun defaultOutputDevice(): AudioDevice = serverDevice().also {
        if (it.maxOutputChannels == 0) throw AudioException(AudioErrorKind.DeviceNotFound, "JACK server '${it.id}' has no physical playback ports", backend = NAME)
    }

    @OptIn(DelicateAudioApi::class)
    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
        for (device in listOfNotNull(input, output)) {
            if (device !is JackDevice || device.backend !== this) return FormatCheck.unsupported("device '${device.name}' is not a device of this JACK backend")
        }
        val device = (input ?: output) as JackDevice? ?: return FormatCheck.unsupported("no device given")
        if (config.format.sampleRate != device.defaultSampleRate) {
            return FormatCheck.unsupported("JACK server runs at ${device.defaultSampleRate} Hz, ${config.format.sampleRate} Hz requested (JACK does not resample)")
        }
        return checkChannels(input, output, config)
    }

    @DelicateAudioApi
    override suspend fun openStream(request: StreamRequest): BackendStream {
        val device = (request.input ?: request.output) as? JackDevice
            ?: throw AudioException(AudioErrorKind.DeviceNotFound, "device is not a JACK device", backend = NAME)
        val check = checkFormat(request.input, request.output, request.config)
        if (!check.supported) throw AudioException(AudioErrorKind.UnsupportedFormat, check.reason!!, backend = NAME)
        return when (device) {
            is JackPortsDevice -> openPortsStream(request)
            is JackServerDevice -> openServerStream(request)
        }
    }

    /**
     * A stream over ports a client registered: the first `inputChannels` ports of the input
     * device and the first `outputChannels` of the output device (both of one client), and no
     * others, so an input-only stream never writes to output ports a `playOn` may be using.
     */
    @OptIn(DelicateAudioApi::class)
    private fun openPortsStream(request: StreamRequest): BackendStream {
        val input = request.input as JackPortsDevice?
        val output = request.output as JackPortsDevice?
        val client = (input ?: output)!!.client
        if (output != null && output.client !== client) {
            throw AudioException(
                AudioErrorKind.InvalidArgument,
                "input ports of client '${client.name}' and output ports of client '${output.client.name}' cannot share one stream",
                backend = NAME,
            )
        }
        val inputs = input?.inputs.orEmpty().take(request.inputChannels)
        val outputs = output?.outputs.orEmpty().take(request.outputChannels)
        return JackStream(request, client, inputs, outputs, ownsClient = false, autoConnect = false)
    }

    @OptIn(DelicateAudioApi::class)
    private fun openServerStream(request: StreamRequest): BackendStream {
        val settings = request.config.setting<JackSettings>() ?: JackSettings()
        val client = JackClient.open(settings.clientName, serverName, noStartServer = true)
        try {
            val inputs = (1..request.inputChannels).map { client.registerAudioInput("in_$it") }
            val outputs = (1..request.outputChannels).map { client.registerAudioOutput("out_$it") }
            return JackStream(request, client, inputs, outputs, ownsClient = true, autoConnect = settings.autoConnect)
        } catch (e: Throwable) {
            client.close()
            throw e
        }
    }

    private fun serverDevice(): JackServerDevice {
        boundClient?.let { return describe(it) }
        return probe { describe(it) }
    }

    private fun describe(client: JackClient): JackServerDevice {
        val rate = client.sampleRate
        val period = client.bufferSize
        return JackServerDevice(
            this,
            effectiveServerName(serverName),
            client.physicalCapturePorts().size,
            client.physicalPlaybackPorts().size,
            rate,
            period.toDouble() / rate,
        )
    }

    private fun <T> probe(block: (JackClient) -> T): T = JackClient.open("audioflow-probe", serverName, noStartServer = true).use(block)

    override fun toString(): String = "JackBackend(${serverName ?: "default"})"

    public companion object {
        /** The backend's name in [dev.audioflow.AudioBackends]. */
        public const val NAME: String = "jack"

        /** Throws [AudioErrorKind.BackendUnavailable] with what to install when libjack cannot be loaded. */
        internal fun requireLibrary() {
            val failure = JackLibrary.get().exceptionOrNull()
                ?: runCatching { Jack.jack_client_name_size() }.exceptionOrNull()
                ?: return
            throw AudioException(AudioErrorKind.BackendUnavailable, "JACK is unavailable: ${failure.message ?: failure.toString()}", failure, backend = NAME)
        }
    }
}

/** A JACK device: the server (backend view) or a set of a client's ports. */
internal sealed class JackDevice : AudioDevice

/** The server seen as one device whose channels are the physical ports. */
internal class JackServerDevice(
    override val backend: JackBackend,
    override val id: String,
    override val maxInputChannels: Int,
    override val maxOutputChannels: Int,
    override val defaultSampleRate: Int,
    private val periodSeconds: Double,
) : JackDevice() {
    override val name: String get() = "JACK server '$id'"
    override val hostApi: String get() = "JACK"
    override val defaultLowInputLatency: Double get() = periodSeconds
    override val defaultHighInputLatency: Double get() = periodSeconds * 2
    override val defaultLowOutputLatency: Double get() = periodSeconds
    override val defaultHighOutputLatency: Double get() = periodSeconds * 2
    override val isDefaultInput: Boolean get() = maxInputChannels > 0
    override val isDefaultOutput: Boolean get() = maxOutputChannels > 0
    override fun toString(): String = "JackServerDevice($id, in=$maxInputChannels, out=$maxOutputChannels, $defaultSampleRate Hz)"
}

/** Ports of one client as a device: channel `i` is port `i` on each side. */
internal class JackPortsDevice(
    val client: JackClient,
    val inputs: List<JackPort>,
    val outputs: List<JackPort>,
) : JackDevice() {
    private val period = client.bufferSize.toDouble() / client.sampleRate
    override val backend: AudioBackend get() = client.backend
    override val id: String = "${client.name}:" + (inputs + outputs).joinToString(",") { it.shortName }
    override val name: String get() = "JACK ports of '${client.name}' (${inputs.size} in, ${outputs.size} out)"
    override val hostApi: String get() = "JACK"
    override val maxInputChannels: Int get() = inputs.size
    override val maxOutputChannels: Int get() = outputs.size
    override val defaultSampleRate: Int = client.sampleRate
    override val defaultLowInputLatency: Double get() = period
    override val defaultHighInputLatency: Double get() = period * 2
    override val defaultLowOutputLatency: Double get() = period
    override val defaultHighOutputLatency: Double get() = period * 2
    override val isDefaultInput: Boolean get() = false
    override val isDefaultOutput: Boolean get() = false
    override fun toString(): String = "JackPortsDevice($id)"
}

/** Registers [JackBackend] for the default server with [dev.audioflow.AudioBackends] as `jack`, priority 50. */
public class JackBackendProvider : AudioBackendProvider {
    override val name: String get() = JackBackend.NAME
    override val priority: Int get() = 50
    override fun create(): AudioBackend = JackBackend()
}
