package dev.audioflow

/**
 * The kind of a [HostApi]: every host API PortAudio identifies (its `PaHostApiTypeId`, named
 * after it: [Alsa] is `paALSA`), plus the groupings of audioflow's other backends.
 *
 * A typed value rather than PortAudio's integer id, whose 0 (`paInDevelopment`, a host API
 * still being written) would otherwise also have to mean "not a PortAudio host API".
 */
public enum class HostApiType {
    /** `paInDevelopment`: a PortAudio host API still under development. */
    InDevelopment,

    /** `paDirectSound` (Windows). */
    DirectSound,

    /** `paMME` (Windows). */
    Mme,

    /** `paASIO` (Windows). */
    Asio,

    /** `paSoundManager` (classic Mac OS). */
    SoundManager,

    /** `paCoreAudio` (macOS). */
    CoreAudio,

    /** `paOSS`. */
    Oss,

    /** `paALSA` (Linux). */
    Alsa,

    /** `paAL` (SGI). */
    Al,

    /** `paBeOS`. */
    BeOs,

    /** `paWDMKS` (Windows kernel streaming). */
    WdmKs,

    /** `paJACK`: PortAudio's JACK host API (not audioflow's JACK backend, which is [JackServer]). */
    Jack,

    /** `paWASAPI` (Windows). */
    Wasapi,

    /** `paAudioScienceHPI`. */
    AudioScienceHpi,

    /** `paAudioIO` (iOS; PortAudio 19.7 and later). */
    AudioIo,

    /** `paPulseAudio` (PortAudio 19.8 and later). */
    PulseAudio,

    /** `paSndio` (PortAudio 19.8 and later). */
    Sndio,

    /** A PortAudio host API whose type id is newer than this list. */
    Other,

    /** A JACK server, as audioflow's JACK backend exposes it. */
    JackServer,

    /** A virtual backend's devices. */
    Virtual,

    /** The Java Sound (`javax.sound.sampled`) backend. */
    JavaSound,
}
