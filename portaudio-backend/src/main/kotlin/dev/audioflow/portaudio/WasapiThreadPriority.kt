package dev.audioflow.portaudio

/**
 * The MMCSS task class PortAudio's WASAPI audio thread runs in (`PaWasapiThreadPriority`); see
 * [WasapiStreamSettings.threadPriority]. A duplex stream should give both sides the same class.
 *
 * ```
 * WasapiStreamSettings(threadPriority = WasapiThreadPriority.ProAudio)
 * ```
 */
public enum class WasapiThreadPriority {
    /** `eThreadPriorityAudio`. */
    Audio,

    /** `eThreadPriorityCapture`. */
    Capture,

    /** `eThreadPriorityDistribution`. */
    Distribution,

    /** `eThreadPriorityGames`. */
    Games,

    /** `eThreadPriorityPlayback`. */
    Playback,

    /** `eThreadPriorityProAudio`: the class for low-latency professional audio. */
    ProAudio,

    /** `eThreadPriorityWindowManager`. */
    WindowManager,
}
