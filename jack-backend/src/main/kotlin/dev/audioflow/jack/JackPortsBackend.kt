@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.jack

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.DeviceEvent
import dev.audioflow.DeviceListener
import dev.audioflow.FormatCheck
import dev.audioflow.HostApi
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.DeviceTracker
import dev.audioflow.spi.StreamRequest
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * The backend behind the devices of [JackClient.device]: one client's own ports, opened as core
 * streams over exactly those ports. It is how core's `input`, `playOn` and `duplex` reach
 * [client]; it opens no client and lists no devices of its own (the server view is
 * [JackBackend]'s).
 *
 * Created once per client; thread-safe.
 */
internal class JackPortsBackend(val client: JackClient) : AudioBackend {
    override val name: String get() = JackBackend.NAME

    override val isAvailable: Boolean get() = unavailableReason == null

    override val unavailableReason: String? get() = client.failure?.message

    override fun hostApis(): List<HostApi> = listOf(HostApi(0, "JACK client '${client.name}'", HostApiType.JackServer, 0, null, null))

    override fun devices(): List<AudioDevice> = emptyList()

    private val tracker = DeviceTracker(JackBackend.NAME, { emptyList() })

    /** Always empty: a client's port devices are made by [JackClient.device], not listed. */
    override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices

    /** Never emits. */
    override val deviceEvents: Flow<DeviceEvent> get() = tracker.events

    override fun addDeviceListener(listener: DeviceListener): AutoCloseable = tracker.addListener(listener)

    override fun defaultInputDevice(): AudioDevice = throw noDefault()

    override fun defaultOutputDevice(): AudioDevice = throw noDefault()

    private fun noDefault() = AudioException(
        AudioErrorKind.DeviceNotFound,
        "JACK client '${client.name}' has no default device: its ports become devices through JackClient.device(inputs, outputs)",
        backend = JackBackend.NAME,
    )

    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck =
        JackDevice.checkFormat(this, input, output, config)

    /**
     * A stream over the first `inputChannels` ports of the input device and the first
     * `outputChannels` of the output device (both of this client), and no others, so an
     * input-only stream never writes to output ports a `playOn` may be using.
     */
    @DelicateAudioApi
    @JvmSynthetic override suspend fun openStream(request: StreamRequest): BackendStream {
        JackDevice.requireFormat(this, request)
        val inputs = (request.input as JackPortsDevice?)?.inputs.orEmpty().take(request.inputChannels)
        val outputs = (request.output as JackPortsDevice?)?.outputs.orEmpty().take(request.outputChannels)
        return JackStream(request, client, inputs, outputs, ownsClient = false, autoConnect = false)
    }

    override fun toString(): String = "JackPortsBackend('${client.name}')"
}
