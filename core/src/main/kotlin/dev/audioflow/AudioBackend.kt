package dev.audioflow

import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.StreamRequest

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
