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
    public suspend fun openStream(request: StreamRequest): BackendStream
}

/**
 * The answer of [AudioBackend.checkFormat].
 *
 * @property supported whether the configuration can be opened.
 * @property reason why not, naming the offending value; null when supported.
 */
public data class FormatCheck(public val supported: Boolean, public val reason: String?) {
    public companion object {
        /** The supported answer. */
        @JvmField public val SUPPORTED: FormatCheck = FormatCheck(true, null)

        /** An unsupported answer with [reason]. */
        @JvmStatic public fun unsupported(reason: String): FormatCheck = FormatCheck(false, reason)
    }
}

/**
 * A host API (PortAudio: ALSA, JACK, CoreAudio, WASAPI...) or an equivalent grouping.
 *
 * @property index position in the backend's list.
 * @property name display name.
 * @property type backend-specific type id (PortAudio's `PaHostApiTypeId`), 0 when not applicable.
 * @property deviceCount devices belonging to it.
 * @property defaultInputDeviceId id of its default input device, or null.
 * @property defaultOutputDeviceId id of its default output device, or null.
 */
public data class HostApi(
    public val index: Int,
    public val name: String,
    public val type: Int,
    public val deviceCount: Int,
    public val defaultInputDeviceId: String?,
    public val defaultOutputDeviceId: String?,
)

/**
 * One audio device of a backend: its identity and capabilities.
 *
 * Immutable snapshot taken when the device list was read; a device that disappears later makes
 * streams on it fail with [AudioErrorKind.StreamInvalidated] or [AudioErrorKind.DeviceNotFound].
 */
public interface AudioDevice {
    /** The backend this device belongs to. */
    public val backend: AudioBackend

    /** Identifier unique within the backend (PortAudio's device index, JACK's server name...). */
    public val id: String

    /** Human-readable name. */
    public val name: String

    /** Name of the host API, or the backend name. */
    public val hostApi: String

    /** Input channels, 0 for an output-only device. */
    public val maxInputChannels: Int

    /** Output channels, 0 for an input-only device. */
    public val maxOutputChannels: Int

    /** The device's preferred sample rate in Hz. */
    public val defaultSampleRate: Int

    /** Default low input latency in seconds (for [Latency.Low]). */
    public val defaultLowInputLatency: Double

    /** Default high input latency in seconds (for [Latency.High]). */
    public val defaultHighInputLatency: Double

    /** Default low output latency in seconds. */
    public val defaultLowOutputLatency: Double

    /** Default high output latency in seconds. */
    public val defaultHighOutputLatency: Double

    /** True if this is the backend's default input device. */
    public val isDefaultInput: Boolean

    /** True if this is the backend's default output device. */
    public val isDefaultOutput: Boolean
}

/** A one-line description like `python -m sounddevice` prints, with `>`/`<` default markers. */
public fun AudioDevice.describe(): String {
    val marker = when {
        isDefaultInput && isDefaultOutput -> "*"
        isDefaultInput -> ">"
        isDefaultOutput -> "<"
        else -> " "
    }
    return "$marker $id $name, $hostApi ($maxInputChannels in, $maxOutputChannels out), $defaultSampleRate Hz"
}

/**
 * Finds a device by exact id, then by case-insensitive name substring.
 *
 * @throws AudioException [AudioErrorKind.DeviceNotFound] naming [query] when nothing matches,
 *   [AudioErrorKind.InvalidArgument] listing the candidates when a substring is ambiguous.
 */
public fun AudioBackend.findDevice(query: String): AudioDevice {
    val all = devices()
    all.firstOrNull { it.id == query }?.let { return it }
    all.firstOrNull { it.name == query }?.let { return it }
    val matches = all.filter { it.name.contains(query, ignoreCase = true) }
    return when (matches.size) {
        1 -> matches[0]
        0 -> throw AudioException(
            AudioErrorKind.DeviceNotFound,
            "no $name device with id or name '$query' (have: ${all.joinToString { "${it.id} '${it.name}'" }})",
            backend = name,
        )
        else -> throw AudioException(
            AudioErrorKind.InvalidArgument,
            "device name '$query' is ambiguous on $name: ${matches.joinToString { "${it.id} '${it.name}'" }}",
            backend = name,
        )
    }
}

/**
 * Whether [input] and [output] have the channels [config] asks for: the format's channels on
 * the input side (or on the output side of an output-only stream) and
 * [StreamConfig.effectiveOutputChannels] on the output side of a duplex stream. Shared by the
 * stream lifecycle and every backend's [AudioBackend.checkFormat]; the reason names the device
 * and both counts.
 */
public fun checkChannels(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck {
    if (input != null) {
        if (input.maxInputChannels == 0) return FormatCheck.unsupported("device '${input.name}' (id ${input.id}) has no input channels")
        if (config.format.channels > input.maxInputChannels) {
            return FormatCheck.unsupported(
                "device '${input.name}' (id ${input.id}) has ${input.maxInputChannels} input channels, ${config.format.channels} requested",
            )
        }
    }
    if (output != null) {
        if (output.maxOutputChannels == 0) return FormatCheck.unsupported("device '${output.name}' (id ${output.id}) has no output channels")
        val channels = if (input != null) config.effectiveOutputChannels else config.format.channels
        if (channels > output.maxOutputChannels) {
            return FormatCheck.unsupported(
                "device '${output.name}' (id ${output.id}) has ${output.maxOutputChannels} output channels, $channels requested",
            )
        }
    }
    return FormatCheck.SUPPORTED
}

/**
 * Discovery hook: backends register an implementation in
 * `META-INF/services/dev.audioflow.AudioBackendProvider`.
 */
public interface AudioBackendProvider {
    /** The backend's [AudioBackend.name]. */
    public val name: String

    /** Preference when choosing a default backend: higher wins among available ones. */
    public val priority: Int

    /** Creates the backend. Called at most once per provider; must not throw when the library is missing. */
    public fun create(): AudioBackend
}
