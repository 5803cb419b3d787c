package dev.audioflow.portaudio

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackendProvider
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi
import dev.audioflow.DeviceEvent
import dev.audioflow.DeviceListener
import dev.audioflow.FormatCheck
import dev.audioflow.HostApi
import dev.audioflow.Latency
import dev.audioflow.NativeCallPath
import dev.audioflow.StreamConfig
import dev.audioflow.portaudio.internal.DeviceNodeWatch
import dev.audioflow.portaudio.internal.PaEnvironment
import dev.audioflow.portaudio.internal.PaErrors
import dev.audioflow.portaudio.internal.PaLibrary
import dev.audioflow.portaudio.internal.PaNative
import dev.audioflow.portaudio.internal.PaRuntime
import dev.audioflow.portaudio.internal.PaSide
import dev.audioflow.portaudio.internal.PaStream
import dev.audioflow.portaudio.internal.checkError
import dev.audioflow.portaudio.internal.hostApiTypeOf
import dev.audioflow.portaudio.internal.paDuration
import dev.audioflow.portaudio.internal.paException
import dev.audioflow.portaudio.internal.paStreamFlags
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.DeviceTracker
import dev.audioflow.spi.checkChannels
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.jna.NativeCalls
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.seconds

/**
 * PortAudio through JNA (and its stream callback through `java.lang.foreign` on the FFM path,
 * see [nativeCallPath]): every host API PortAudio was built with (ALSA, JACK and OSS on Debian;
 * CoreAudio, WASAPI, ASIO... elsewhere), its devices and callback streams.
 *
 * Normally obtained from [dev.audioflow.AudioBackends] as `portaudio`; construct one directly to
 * pass [PortAudioOptions] (JACK server and client name). When the system library is missing the
 * backend still loads: [isAvailable] is false, [unavailableReason] says what to install, and
 * every query throws [AudioErrorKind.BackendUnavailable].
 *
 * **Initialisation.** The first query initialises PortAudio (`Pa_Initialize`) and the backend
 * keeps that initialisation until [close]; every open stream holds its own reference, so
 * PortAudio is terminated only when the last user leaves. All backend instances in a process
 * share one PortAudio initialisation.
 *
 * **Device changes.** PortAudio 19 reads its device list once per initialisation and cannot
 * re-read it while a stream is open. The backend watches what it can (on Linux the ALSA device
 * nodes in `/dev/snd` and the ALSA configuration files, see `docs/devices.md`): while
 * [deviceList] or [deviceEvents] is watched it looks every second, and after a change
 * re-initialises PortAudio as soon as no PortAudio stream is open, then reports what was added
 * or removed. Elsewhere, and for changes it cannot see (a JACK server started for PortAudio's
 * JACK host API), call [refresh].
 *
 * Thread-safe. Queries block briefly on native calls; call them off UI threads.
 */
@OptIn(DelicateAudioApi::class)
public class PortAudioBackend @JvmOverloads constructor(options: PortAudioOptions = PortAudioOptions()) : AudioBackend, AutoCloseable {
    override val name: String get() = PaLibrary.BACKEND

    override val isAvailable: Boolean get() = PaLibrary.library.isLoaded

    override val unavailableReason: String? get() = PaLibrary.library.loadError

    /** The native call path of this backend's streams, chosen once here; its failure (a bad `audioflow.native.path`) is thrown when a stream opens. */
    private val calls: Pair<NativeCalls?, AudioException?> = try {
        NativeCalls.choose(PaLibrary.BACKEND) to null
    } catch (e: AudioException) {
        null to e
    }

    override val nativeCallPath: NativeCallPath? get() = calls.first?.path

    /** The options in effect; changed by [refresh]. */
    @Volatile public var options: PortAudioOptions = options; private set

    private var holdsRuntime = false
    private var snapshot: Snapshot? = null

    private val nodeWatch by lazy { DeviceNodeWatch() }

    private val tracker = DeviceTracker(PaLibrary.BACKEND, { watchedDevices() }, java.time.Duration.ofSeconds(1))

    /** PortAudio's version; does not initialise PortAudio. */
    public val version: PortAudioVersion
        get() {
            PaLibrary.library.require(PaLibrary.BACKEND)
            val info = PaNative.Pa_GetVersionInfo()
            val number = PaNative.Pa_GetVersion()
            return PortAudioVersion(
                major = info?.versionMajor ?: (number shr 16 and 0xFF),
                minor = info?.versionMinor ?: (number shr 8 and 0xFF),
                subMinor = info?.versionSubMinor ?: (number and 0xFF),
                number = number,
                text = info?.versionText ?: "PortAudio $number",
                revision = info?.versionControlRevision ?: "",
            )
        }

    override fun hostApis(): List<HostApi> = current().hostApis

    override fun devices(): List<PortAudioDevice> = current().devices.also { tracker.update(it) }

    override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices

    override val deviceEvents: Flow<DeviceEvent> get() = tracker.events

    override fun addDeviceListener(listener: DeviceListener): AutoCloseable = tracker.addListener(listener)

    /** The tracker's scan: after a change the node watch saw, the list of a new initialisation (once no stream is open). */
    private fun watchedDevices(): List<PortAudioDevice> {
        if (!PaLibrary.library.isLoaded) return emptyList()
        if (nodeWatch.changed()) {
            try {
                refresh()
            } catch (e: AudioException) {
                if (e.kind != AudioErrorKind.DeviceBusy) throw e
                nodeWatch.keepPending()
            }
        }
        return current().devices
    }

    /** PortAudio's default host API (`Pa_GetDefaultHostApi`). */
    public fun defaultHostApi(): HostApi = current().let { it.hostApis[it.defaultHostApi] }

    /**
     * The device with PortAudio index [index].
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming the index when there is none.
     */
    public fun device(index: Int): PortAudioDevice = devices().getOrNull(index)
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "no PortAudio device with index $index (have ${devices().size})", backend = name)

    override fun defaultInputDevice(): PortAudioDevice = devices().firstOrNull { it.isDefaultInput }
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "PortAudio has no default input device", backend = name)

    override fun defaultOutputDevice(): PortAudioDevice = devices().firstOrNull { it.isDefaultOutput }
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "PortAudio has no default output device", backend = name)

    /**
     * Re-initialises PortAudio so that its device list reflects devices (and JACK servers) that
     * appeared or vanished, applying [options]. PortAudio can rebuild its list only by
     * terminating, so this works only while no PortAudio stream is open in the process.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] (retryable) while streams are open,
     *   saying that the refresh must wait for them to close; [AudioErrorKind.BackendUnavailable]
     *   without the library.
     */
    @JvmOverloads
    public fun refresh(options: PortAudioOptions = this.options) {
        PaLibrary.library.require(PaLibrary.BACKEND)
        synchronized(PaRuntime.lock) {
            this.options = options
            val before = PaRuntime.generation
            if (!holdsRuntime) {
                PaRuntime.acquire(environment())
                holdsRuntime = true
            }
            if (PaRuntime.generation == before) PaRuntime.reinitialize(environment())
            snapshot = readSnapshot()
        }
        tracker.update(current().devices)
    }

    /**
     * Drops this backend's PortAudio reference; PortAudio terminates once no other backend or
     * stream holds one. The backend stays usable: the next query initialises again. Idempotent.
     */
    override fun close() {
        if (!PaLibrary.library.isLoaded) return
        synchronized(PaRuntime.lock) {
            if (!holdsRuntime) return
            holdsRuntime = false
            snapshot = null
            PaRuntime.release()
        }
    }

    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
        if (input == null && output == null) return FormatCheck.Unsupported("neither an input nor an output device was given")
        return try {
            synchronized(PaRuntime.lock) {
                val settings = config.setting<PortAudioSettings>() ?: PortAudioSettings()
                val sides = sides(input, output, config, settings)
                val code = PaNative.Pa_IsFormatSupported(sides.first?.params, sides.second?.params, config.format.sampleRate.toDouble())
                if (code < 0) {
                    val what = listOfNotNull(sides.first?.let { "input ${it.description}" }, sides.second?.let { "output ${it.description}" })
                    FormatCheck.Unsupported(
                        paException(code, "Pa_IsFormatSupported(${what.joinToString(", ")}, ${config.format.sampleRate} Hz, " +
                            "${settings.deviceSampleFormat.name.lowercase()}, flags ${paStreamFlags(settings)})").message,
                    )
                } else {
                    FormatCheck.Supported
                }
            }
        } catch (e: AudioException) {
            if (e.kind == AudioErrorKind.BackendUnavailable) throw e
            FormatCheck.Unsupported(e.message)
        }
    }

    @DelicateAudioApi
    @JvmSynthetic override suspend fun openStream(request: StreamRequest): BackendStream = withContext(Dispatchers.IO) {
        synchronized(PaRuntime.lock) {
            val settings = request.config.setting<PortAudioSettings>() ?: PortAudioSettings()
            val (input, output) = sides(request.input, request.output, request.config, settings, request.inputChannels, request.outputChannels)
            PaStream.open(request, input, output, settings, calls.first ?: throw calls.second!!)
        }
    }

    /** Builds the native parameters for each side, resolving devices against the current device list. Caller holds the lock. */
    private fun sides(
        input: AudioDevice?,
        output: AudioDevice?,
        config: StreamConfig,
        settings: PortAudioSettings,
        inputChannels: Int = if (input != null) config.format.channels else 0,
        outputChannels: Int = if (output != null) (if (input != null) config.effectiveOutputChannels else config.format.channels) else 0,
    ): Pair<PaSide?, PaSide?> {
        // Checked again on the resolved devices: a refresh may have changed what a device offers.
        val inDevice = input?.let { resolve(it) }
        val outDevice = output?.let { resolve(it) }
        val channels = checkChannels(inDevice, outDevice, config)
        if (channels is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.InvalidArgument, channels.reason, backend = name)
        val inSide = inDevice?.let { PaSide(it, inputChannels, true, settings, config.latency) }
        val outSide = outDevice?.let { PaSide(it, outputChannels, false, settings, config.latency) }
        return inSide to outSide
    }

    /** The current-generation device for [device]: itself, or its namesake after a refresh. */
    private fun resolve(device: AudioDevice): PortAudioDevice {
        if (device !is PortAudioDevice) {
            throw AudioException(AudioErrorKind.DeviceNotFound, "device '${device.name}' (${device.backend.name}) is not a PortAudio device", backend = name)
        }
        val list = current().devices
        if (device.generation == PaRuntime.generation) return list[device.index]
        return list.firstOrNull { it.name == device.name && it.hostApi == device.hostApi }
            ?: throw AudioException(
                AudioErrorKind.DeviceNotFound,
                "PortAudio device '${device.name}' (${device.hostApi}) is gone since the device list was refreshed",
                backend = name,
            )
    }

    private fun environment() = PaEnvironment(options.jackServerName, options.jackClientName)

    /** The device list of the current PortAudio initialisation, initialising PortAudio on first use. */
    private fun current(): Snapshot {
        PaLibrary.library.require(PaLibrary.BACKEND)
        synchronized(PaRuntime.lock) {
            if (!holdsRuntime) {
                PaRuntime.acquire(environment())
                holdsRuntime = true
            } else {
                PaRuntime.ensureInitialized(environment())
            }
            val existing = snapshot
            if (existing != null && existing.generation == PaRuntime.generation) return existing
            return readSnapshot().also { snapshot = it }
        }
    }

    private fun readSnapshot(): Snapshot {
        val generation = PaRuntime.generation
        val apiCount = checkError(PaNative.Pa_GetHostApiCount(), "Pa_GetHostApiCount")
        val apiInfos = (0 until apiCount).map { PaNative.Pa_GetHostApiInfo(it) ?: throw paException(PaErrors.INTERNAL_ERROR, "Pa_GetHostApiInfo($it)") }
        val defaultIn = PaNative.Pa_GetDefaultInputDevice()
        val defaultOut = PaNative.Pa_GetDefaultOutputDevice()
        val deviceCount = checkError(PaNative.Pa_GetDeviceCount(), "Pa_GetDeviceCount")
        val devices = (0 until deviceCount).map { index ->
            val info = PaNative.Pa_GetDeviceInfo(index) ?: throw paException(PaErrors.INVALID_DEVICE, "Pa_GetDeviceInfo($index)")
            val api = apiInfos[info.hostApi]
            PortAudioDevice(
                backend = this,
                index = index,
                name = info.name ?: "device $index",
                hostApiIndex = info.hostApi,
                hostApiType = hostApiTypeOf(api.type),
                hostApi = api.name ?: "host API ${info.hostApi}",
                maxInputChannels = info.maxInputChannels,
                maxOutputChannels = info.maxOutputChannels,
                defaultSampleRate = Math.round(info.defaultSampleRate).toInt(),
                defaultLowInputLatency = paDuration(info.defaultLowInputLatency),
                defaultHighInputLatency = paDuration(info.defaultHighInputLatency),
                defaultLowOutputLatency = paDuration(info.defaultLowOutputLatency),
                defaultHighOutputLatency = paDuration(info.defaultHighOutputLatency),
                isDefaultInput = index == defaultIn,
                isDefaultOutput = index == defaultOut,
                generation = generation,
                rateProbe = ::probeRates,
            )
        }
        val hostApis = apiInfos.mapIndexed { index, api ->
            HostApi(
                index = index,
                name = api.name ?: "host API $index",
                type = hostApiTypeOf(api.type),
                deviceCount = api.deviceCount,
                defaultInputDeviceId = api.defaultInputDevice.takeIf { it >= 0 }?.toString(),
                defaultOutputDeviceId = api.defaultOutputDevice.takeIf { it >= 0 }?.toString(),
            )
        }
        val defaultApi = PaNative.Pa_GetDefaultHostApi().coerceIn(0, maxOf(0, apiCount - 1))
        return Snapshot(generation, hostApis, devices, defaultApi)
    }

    /**
     * The standard rates [device] accepts with `Pa_IsFormatSupported` (up to two channels of
     * each side it has, float32, high latency); empty once its initialisation is gone.
     */
    private fun probeRates(device: PortAudioDevice): List<Int> = synchronized(PaRuntime.lock) {
        if (device.generation != PaRuntime.generation) return emptyList()
        val settings = PortAudioSettings()
        val input = if (device.maxInputChannels > 0) PaSide(device, minOf(2, device.maxInputChannels), true, settings, Latency.High) else null
        val output = if (device.maxOutputChannels > 0) PaSide(device, minOf(2, device.maxOutputChannels), false, settings, Latency.High) else null
        AudioFormat.STANDARD_SAMPLE_RATES.filter { rate ->
            (input == null || PaNative.Pa_IsFormatSupported(input.params, null, rate.toDouble()) >= 0) &&
                (output == null || PaNative.Pa_IsFormatSupported(null, output.params, rate.toDouble()) >= 0)
        }
    }

    private class Snapshot(
        val generation: Long,
        val hostApis: List<HostApi>,
        val devices: List<PortAudioDevice>,
        val defaultHostApi: Int,
    )

    override fun toString(): String = if (isAvailable) "PortAudioBackend($options)" else "PortAudioBackend(unavailable)"
}

/** Registers [PortAudioBackend] with [dev.audioflow.AudioBackends] as `portaudio`, priority 100. */
public class PortAudioProvider : AudioBackendProvider {
    override val name: String get() = PaLibrary.BACKEND

    override val priority: Int get() = 100

    override fun create(): AudioBackend = PortAudioBackend()
}
