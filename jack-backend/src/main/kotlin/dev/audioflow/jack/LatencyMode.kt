package dev.audioflow.jack

/** Which latency a [LatencyRange] describes (JACK's `jack_latency_callback_mode_t`). */
public enum class LatencyMode(internal val native: Int) {
    /** How long since the data read from a port arrived at a physical capture port. */
    Capture(0),

    /** How long until data written to a port reaches a physical playback port. */
    Playback(1),
}
