@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.virtual

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackendProvider
import dev.audioflow.AudioBackends
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
import dev.audioflow.spi.checkChannels
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.checkChannels
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import java.util.concurrent.atomic.AtomicInteger

/**
 * A backend of software devices: no hardware, no native library, any sample rate.
 *
 * For tests (with [Pacing.CoroutineTime] under `runTest`), offline rendering ([Pacing.Unpaced])
 * and machines without a sound card ([Pacing.Realtime]). Its streams run through the same
 * endpoint, ring and lifecycle code as the native backends, with a coroutine driver in place of
 * the native callback. Thread-safe.
 *
 * Devices come and go at run time, like plugged and unplugged hardware: every [addDevice] (and
 * [addInput], [addOutput]) and [removeDevice] updates [deviceList] and emits its
 * [deviceEvents] at once, before it returns; a stream on a removed device fails with
 * [AudioErrorKind.StreamInvalidated] naming it within one block.
 *
 * ```
 * val backend = VirtualBackend(Pacing.CoroutineTime)
 * val mic = backend.addInput("mic", channels = 2, source = VirtualSource.sine(440.0))
 * val speaker = backend.addOutput("speaker", channels = 2)
 * ```
 *
 * @property pacing how device cycles are spaced in time.
 */
public class VirtualBackend @JvmOverloads constructor(
    public val pacing: Pacing = Pacing.Realtime,
    override val name: String = AudioBackends.VIRTUAL,
) : AudioBackend {
    private val deviceStore = CopyOnWriteArrayList<VirtualDevice>()
    private val nextId = AtomicInteger()

    private val tracker = DeviceTracker(name, { deviceStore.toList() }, key = { it.id })

    override val isAvailable: Boolean get() = true
    override val unavailableReason: String? get() = null

    /** Adds an input device with [channels] channels capturing from [source]. */
    @JvmOverloads
    public fun addInput(
        name: String,
        channels: Int = 2,
        sampleRate: Int = 48_000,
        source: VirtualSource = VirtualSource.silence(),
    ): VirtualDevice = addDevice(name, channels, 0, sampleRate, source, null)

    /** Adds an output device with [channels] channels playing into [sink]. */
    @JvmOverloads
    public fun addOutput(
        name: String,
        channels: Int = 2,
        sampleRate: Int = 48_000,
        sink: VirtualSink = CapturingSink(),
    ): VirtualDevice = addDevice(name, 0, channels, sampleRate, null, sink)

    /**
     * Adds a device with both sides (either channel count may be 0).
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for negative channel counts, a
     *   device with no channels at all, or a bad sample rate.
     */
    public fun addDevice(
        name: String,
        inputChannels: Int,
        outputChannels: Int,
        sampleRate: Int,
        source: VirtualSource?,
        sink: VirtualSink?,
    ): VirtualDevice {
        AudioException.require(inputChannels >= 0 && outputChannels >= 0 && inputChannels + outputChannels > 0) {
            "virtual device '$name' needs channels >= 0 and at least one, was in=$inputChannels out=$outputChannels"
        }
        AudioException.require(sampleRate in 1..dev.audioflow.AudioFormat.MAX_SAMPLE_RATE) { "sampleRate must be positive, was $sampleRate" }
        val device = VirtualDevice(
            this, nextId.getAndIncrement().toString(), name, inputChannels, outputChannels, sampleRate,
            if (inputChannels > 0) source ?: VirtualSource.silence() else null,
            if (outputChannels > 0) sink ?: CapturingSink() else null,
        )
        deviceStore += device
        changed()
        return device
    }

    /**
     * Removes [device], as if unplugged: streams on it fail with
     * [AudioErrorKind.StreamInvalidated] naming it, [deviceEvents] reports it removed (and a
     * new default if it was one). Same as [VirtualDevice.vanish]; idempotent.
     *
     * ```
     * backend.removeDevice(mic)   // a running mic.input(config) ends with StreamInvalidated
     * ```
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] when [device] belongs to another backend.
     */
    public fun removeDevice(device: VirtualDevice) {
        AudioException.require(device.backend === this) { "device '${device.name}' belongs to ${device.backend}, not to $this" }
        device.vanish()
    }

    internal fun remove(device: VirtualDevice) {
        if (deviceStore.remove(device)) changed()
    }

    private fun changed() {
        synchronized(tracker) { tracker.update(deviceStore.toList()) }
    }

    override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices

    override val deviceEvents: Flow<DeviceEvent> get() = tracker.events

    override fun addDeviceListener(listener: DeviceListener): AutoCloseable = tracker.addListener(listener)

    internal fun defaultInputOrNull(): VirtualDevice? = deviceStore.firstOrNull { it.maxInputChannels > 0 }

    internal fun defaultOutputOrNull(): VirtualDevice? = deviceStore.firstOrNull { it.maxOutputChannels > 0 }

    override fun hostApis(): List<HostApi> = listOf(
        HostApi(0, name, HostApiType.Virtual, deviceStore.size, defaultInputOrNull()?.id, defaultOutputOrNull()?.id),
    )

    override fun devices(): List<AudioDevice> = deviceStore.toList()

    override fun defaultInputDevice(): AudioDevice = defaultInputOrNull()
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "virtual backend '$name' has no input device", backend = name)

    override fun defaultOutputDevice(): AudioDevice = defaultOutputOrNull()
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "virtual backend '$name' has no output device", backend = name)

    @OptIn(DelicateAudioApi::class)
    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
        for (device in listOfNotNull(input, output)) {
            if (device !is VirtualDevice || device !in deviceStore) return FormatCheck.Unsupported("device '${device.name}' is not a device of virtual backend '$name'")
        }
        return checkChannels(input, output, config)
    }

    @DelicateAudioApi
    @JvmSynthetic override suspend fun openStream(request: StreamRequest): BackendStream {
        val devices = listOfNotNull(request.input, request.output).map { it as? VirtualDevice }
        for (device in devices) {
            if (device == null || device.vanished || device !in deviceStore) {
                throw AudioException(AudioErrorKind.DeviceNotFound, "device is not (or no longer) part of virtual backend '$name'", backend = name)
            }
            if (device.busy) throw AudioException(AudioErrorKind.DeviceBusy, "virtual device '${device.name}' is busy", backend = name)
        }
        return VirtualStream(request, request.input as VirtualDevice?, request.output as VirtualDevice?, pacing, name)
    }

    override fun toString(): String = "VirtualBackend($name, $pacing, ${deviceStore.size} devices)"

    public companion object {
        /**
         * The shared instance registered with [AudioBackends]: real-time paced, with a stereo
         * "Virtual Input" (a quiet 440 Hz tone) and a stereo "Virtual Output" that discards.
         */
        @JvmStatic
        public val system: VirtualBackend by lazy {
            VirtualBackend(Pacing.Realtime).apply {
                addInput("Virtual Input", 2, 48_000, VirtualSource.sine(440.0, 0.1f))
                addOutput("Virtual Output", 2, 48_000, VirtualSink.discard())
            }
        }
    }
}

/** Registers [VirtualBackend.system] with [AudioBackends] under the name `virtual`, lowest priority. */
public class VirtualBackendProvider : AudioBackendProvider {
    override val name: String get() = AudioBackends.VIRTUAL
    override val priority: Int get() = 0
    override fun create(): AudioBackend = VirtualBackend.system
}
