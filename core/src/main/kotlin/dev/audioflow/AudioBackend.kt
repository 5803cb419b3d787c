package dev.audioflow

import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.StreamRequest
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * A source of audio devices: PortAudio, JACK or the virtual backend.
 *
 * Obtain one from [AudioBackends]. Query methods are thread-safe and may block briefly on
 * native calls; call them off the UI thread. Streams are opened through the device extension
 * functions ([input], [playOn], [duplex]), never through [openStream] directly.
 */
public interface AudioBackend {
    /** Short lowercase name used for selection: `portaudio`, `jack`, `virtual`. */
    public val name: String

    /** True when the native library (or server) is usable right now. */
    public val isAvailable: Boolean

    /** Why the backend is unavailable, with what to install or start; null when available. */
    public val unavailableReason: String?

    /**
     * How this backend's native callbacks reach the JVM, chosen once when it started; null for a
     * backend without native callbacks (virtual, pure Java) or when the choice failed (the
     * reason is then thrown when a stream opens).
     */
    public val nativeCallPath: NativeCallPath? get() = null

    /**
     * Host APIs (PortAudio) or servers (JACK) this backend exposes; one entry for backends
     * without such a notion.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when not [isAvailable].
     */
    public fun hostApis(): List<HostApi>

    /**
     * Every device, in the backend's order.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when not [isAvailable].
     */
    public fun devices(): List<AudioDevice>

    /**
     * The device list as state, for UIs: the latest list the backend has seen, updated when it
     * notices a change (how and when is each backend's to say: virtual devices at once, JACK
     * from its graph events, Java Sound and PortAudio by re-reading while watched, see
     * `docs/devices.md`). Reading [StateFlow.value] does not re-read the list; [devices] does
     * (and updates this state).
     *
     * Thread: any. The first read may block briefly while the list is read once; empty when
     * the backend is unavailable.
     *
     * ```
     * backend.deviceList.collect { devices -> ui.show(devices) }
     * ```
     */
    public val deviceList: StateFlow<List<AudioDevice>>

    /**
     * Changes of the device list as they are seen: devices added and removed, the default
     * input or output device changed. Hot, without replay: a collector sees the changes after
     * it started collecting. Java: [addDeviceListener].
     *
     * Thread: any; events are emitted on the backend's own threads, never a native audio thread.
     *
     * ```
     * backend.deviceEvents.filterIsInstance<DeviceEvent.Removed>().collect { println("unplugged: ${it.device.name}") }
     * ```
     */
    public val deviceEvents: Flow<DeviceEvent>

    /**
     * Java form of [deviceEvents]: calls [listener] with every change from now on, until the
     * returned handle is closed (closing twice is harmless).
     *
     * Thread: any; never blocks. The listener runs on a thread of the backend's.
     *
     * ```
     * try (AutoCloseable watch = backend.addDeviceListener(event -> System.out.println(event))) { ... }
     * ```
     */
    public fun addDeviceListener(listener: DeviceListener): AutoCloseable

    /**
     * The default input device.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] when there is none.
     */
    public fun defaultInputDevice(): AudioDevice

    /**
     * The default output device.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] when there is none.
     */
    public fun defaultOutputDevice(): AudioDevice

    /**
     * Whether a stream with [config] could be opened on these devices; the result carries the
     * reason when not. Never throws for an unsupported configuration.
     */
    public fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck

    /**
     * Backend SPI: opens (but does not start) a native stream for [request]. Called by the
     * stream lifecycle in core after it has validated the request; applications use [input],
     * [playOn] and [duplex] instead.
     *
     * @throws AudioException when the native side refuses; nothing stays open in that case.
     */
    @DelicateAudioApi
    @JvmSynthetic
    public suspend fun openStream(request: StreamRequest): BackendStream
}
