@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.jack

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi
import dev.audioflow.DeviceEvent
import dev.audioflow.DeviceListener
import dev.audioflow.FormatCheck
import dev.audioflow.HostApi
import dev.audioflow.HostApiType
import dev.audioflow.NativeCallPath
import dev.audioflow.StreamConfig
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.DeviceTracker
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.jna.NativeCalls
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlin.time.Duration.Companion.seconds

/**
 * The JACK server as an [AudioBackend]: one device, the server, whose input channels are the
 * physical capture ports and output channels the physical playback ports. Each stream opens
 * its own client with one port per channel (`in_1`..., `out_1`...) and, unless
 * [JackSettings.autoConnect] is false, connects them to the physical ports.
 *
 * Never starts a server. [isAvailable] opens and closes a probe client each time it is read.
 * Streams over arbitrary ports of a client use [JackClient.device] instead. The clients this
 * backend opens all take the [nativeCallPath] chosen when it was created.
 *
 * @property serverName the server to use; null for `$JACK_DEFAULT_SERVER` or `default`.
 */
@OptIn(DelicateAudioApi::class)
public class JackBackend @JvmOverloads public constructor(
    public val serverName: String? = null,
) : AudioBackend {
    override val name: String get() = NAME

    /** The native call path of this backend's clients, chosen once here; its failure (a bad `audioflow.native.path`) is thrown when one opens. */
    private val calls: Pair<NativeCalls?, AudioException?> = try {
        NativeCalls.choose(NAME) to null
    } catch (e: AudioException) {
        null to e
    }

    override val nativeCallPath: NativeCallPath? get() = calls.first?.path

    private fun openClient(name: String): JackClient =
        JackClient.open(name, serverName, noStartServer = true, useExactName = false, native = calls.first ?: throw calls.second!!)

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
        return listOf(HostApi(0, "JACK server '${device.id}'", HostApiType.JackServer, 1, device.id.takeIf { device.maxInputChannels > 0 }, device.id.takeIf { device.maxOutputChannels > 0 }))
    }

    override fun devices(): List<AudioDevice> = listOf(serverDevice())

    private val tracker = DeviceTracker(NAME, { devices() }, java.time.Duration.ofSeconds(1), key = { it.id })

    /**
     * The server device while the server runs, empty while it does not: re-read every second
     * while watched, so a server that starts or stops is reported as its device added or
     * removed, and a change of its physical port counts as the device's new channel counts.
     */
    override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices

    override val deviceEvents: Flow<DeviceEvent> get() = tracker.events

    override fun addDeviceListener(listener: DeviceListener): AutoCloseable = tracker.addListener(listener)

    override fun defaultInputDevice(): AudioDevice = serverDevice().also {
        if (it.maxInputChannels == 0) throw AudioException(AudioErrorKind.DeviceNotFound, "JACK server '${it.id}' has no physical capture ports", backend = NAME)
    }

    override fun defaultOutputDevice(): AudioDevice = serverDevice().also {
        if (it.maxOutputChannels == 0) throw AudioException(AudioErrorKind.DeviceNotFound, "JACK server '${it.id}' has no physical playback ports", backend = NAME)
    }

    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck =
        JackDevice.checkFormat(this, input, output, config)

    /** Opens a client of its own for the stream (see [JackSettings]), closed with the stream. */
    @DelicateAudioApi
    @JvmSynthetic override suspend fun openStream(request: StreamRequest): BackendStream {
        JackDevice.requireFormat(this, request)
        val settings = request.config.setting<JackSettings>() ?: JackSettings()
        val client = openClient(settings.clientName)
        try {
            val inputs = (1..request.inputChannels).map { client.registerAudioInput("in_$it") }
            val outputs = (1..request.outputChannels).map { client.registerAudioOutput("out_$it") }
            return JackStream(request, client, inputs, outputs, ownsClient = true, autoConnect = settings.autoConnect)
        } catch (e: Throwable) {
            client.close()
            throw e
        }
    }

    private fun serverDevice(): JackServerDevice = probe { describe(it) }

    private fun describe(client: JackClient): JackServerDevice {
        val rate = client.sampleRate
        val period = client.bufferSize
        return JackServerDevice(
            this,
            ClientOpener.effectiveServerName(serverName),
            client.physicalCapturePorts().size,
            client.physicalPlaybackPorts().size,
            rate,
            AudioFormat(rate, 1).durationOf(period.toLong()),
        )
    }

    private fun <T> probe(block: (JackClient) -> T): T = openClient("audioflow-probe").use(block)

    override fun toString(): String = "JackBackend(${serverName ?: "default"})"

    public companion object {
        /** The backend's name in [dev.audioflow.AudioBackends]. */
        public const val NAME: String = "jack"
    }
}
