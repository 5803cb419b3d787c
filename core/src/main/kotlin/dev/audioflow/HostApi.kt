package dev.audioflow

/**
 * A host API (PortAudio: ALSA, JACK, CoreAudio, WASAPI...) or an equivalent grouping (the JACK
 * server, a virtual backend).
 *
 * @property index position in the backend's list.
 * @property name display name.
 * @property type which kind of host API this is.
 * @property deviceCount devices belonging to it.
 * @property defaultInputDeviceId id of its default input device, or null.
 * @property defaultOutputDeviceId id of its default output device, or null.
 */
public data class HostApi(
    public val index: Int,
    public val name: String,
    public val type: HostApiType,
    public val deviceCount: Int,
    public val defaultInputDeviceId: String?,
    public val defaultOutputDeviceId: String?,
)
