package dev.audioflow.javasound

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
import dev.audioflow.javasound.internal.JavaSoundStream
import dev.audioflow.javasound.internal.LineOpener
import dev.audioflow.javasound.internal.MixerSystem
import dev.audioflow.javasound.internal.scanMixers
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.DeviceTracker
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.checkChannels
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.seconds

/**
 * Java Sound (`javax.sound.sampled`): real sound on any desktop JVM with no native library of
 * audioflow's and no extra dependency. Java Sound's mixers with data lines are the devices
 * (target lines their input side, source lines their output side), grouped into one host API
 * per mixer vendor (`Java Sound (ALSA)` on Linux, where Java Sound uses ALSA).
 *
 * Streams read and write the lines on a dedicated thread of maximum priority that copies
 * between the lines and the rings and allocates nothing per block, with the same rings,
 * [dev.audioflow.BlockStatus] and lifecycle as every backend. Lines carry
 * [JavaSoundSettings.sampleFormat] (16-bit by default); their buffers are the stream's
 * latency, reported in [dev.audioflow.StreamInfo].
 *
 * **Device changes.** Java Sound sends no notifications, so the backend re-reads the mixer list:
 * on every [devices] call, every second while [deviceList] or [deviceEvents] is watched, and
 * four times a second for each open stream, which fails with
 * [AudioErrorKind.StreamInvalidated] naming its device once the device's mixer is gone.
 *
 * Obtain it from [dev.audioflow.AudioBackends] as `javasound`. Thread-safe; queries may block
 * briefly while Java Sound's providers read the system's devices.
 *
 * ```
 * val speaker = AudioBackends.get("javasound").defaultOutputDevice()
 * tone.playOn(speaker, StreamConfig(AudioFormat(48_000, 2)))
 * ```
 */
@OptIn(DelicateAudioApi::class)
public class JavaSoundBackend internal constructor(private val system: MixerSystem) : AudioBackend {
    /** The backend over the JDK's Java Sound. */
    public constructor() : this(MixerSystem.Jdk)

    override val name: String get() = NAME

    /** Java Sound is part of the JDK: always available (it may have no device; see [devices]). */
    override val isAvailable: Boolean get() = true

    override val unavailableReason: String? get() = null

    private val tracker = DeviceTracker(NAME, { scanMixers(this, system) }, java.time.Duration.ofSeconds(1))

    private val opener = LineOpener(system, ::current)

    override fun hostApis(): List<HostApi> {
        val devices = devices()
        return devices.map { it.hostApi }.distinct().mapIndexed { index, api ->
            val members = devices.filter { it.hostApi == api }
            HostApi(index, api, HostApiType.JavaSound, members.size, members.firstOrNull { it.isDefaultInput }?.id, members.firstOrNull { it.isDefaultOutput }?.id)
        }
    }

    /** Every mixer with data lines, read afresh (which also updates [deviceList]). */
    override fun devices(): List<JavaSoundDevice> = tracker.refresh().map { it as JavaSoundDevice }

    override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices

    override val deviceEvents: Flow<DeviceEvent> get() = tracker.events

    override fun addDeviceListener(listener: DeviceListener): AutoCloseable = tracker.addListener(listener)

    override fun defaultInputDevice(): JavaSoundDevice = devices().firstOrNull { it.isDefaultInput }
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "Java Sound has no mixer with an input line", backend = NAME)

    override fun defaultOutputDevice(): JavaSoundDevice = devices().firstOrNull { it.isDefaultOutput }
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "Java Sound has no mixer with an output line", backend = NAME)

    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
        foreignDevice(input, output)?.let { return FormatCheck.Unsupported(it) }
        val channels = checkChannels(input, output, config)
        if (!channels.isSupported) return channels
        return opener.check(input as JavaSoundDevice?, output as JavaSoundDevice?, config)
    }

    /** Why [input] or [output] cannot be used with this backend, or null. */
    private fun foreignDevice(input: AudioDevice?, output: AudioDevice?): String? =
        listOfNotNull(input, output).firstOrNull { it !is JavaSoundDevice || it.backend !== this }
            ?.let { "device '${it.name}' of ${it.backend.name} is not a device of this Java Sound backend" }

    /**
     * Opens the lines of [request] on the mixers listed now under the devices' names.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a device of another backend,
     *   [AudioErrorKind.UnsupportedFormat] naming the supported rates when a mixer has no line
     *   of the stream's format, [AudioErrorKind.DeviceBusy] when Java Sound cannot get a line
     *   now, [AudioErrorKind.DeviceNotFound] when a mixer is gone.
     */
    @DelicateAudioApi
    @JvmSynthetic override suspend fun openStream(request: StreamRequest): BackendStream {
        foreignDevice(request.input, request.output)?.let { throw AudioException(AudioErrorKind.InvalidArgument, it, backend = NAME) }
        listOfNotNull(request.input, request.output).forEach { current(it as JavaSoundDevice) }
        val check = opener.check(request.input as JavaSoundDevice?, request.output as JavaSoundDevice?, request.config)
        if (check is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.UnsupportedFormat, check.reason, backend = NAME)
        val lines = withContext(Dispatchers.IO) { opener.open(request) }
        val names = listOfNotNull(request.input?.name, request.output?.name).distinct()
        return JavaSoundStream(request, lines, { names.firstOrNull { name -> system.mixerInfos().none { it.name == name } } }, NAME)
    }

    /** The current mixer info of [device]: the listed mixer of its name. */
    private fun current(device: JavaSoundDevice): javax.sound.sampled.Mixer.Info =
        system.mixerInfos().firstOrNull { it.name == device.name }
            ?: throw AudioException(AudioErrorKind.DeviceNotFound, "Java Sound device '${device.name}' is no longer listed", backend = NAME)

    override fun toString(): String = "JavaSoundBackend"

    public companion object {
        /** The backend's name in [dev.audioflow.AudioBackends]. */
        public const val NAME: String = "javasound"

        /** Name of the host API (suffixed with the mixer vendor). */
        public const val HOST_API: String = "Java Sound"
    }
}
