package dev.audioflow.jack

/** JACK transport state (`jack_transport_state_t`). */
public enum class TransportStatus {
    /** Transport halted. */
    Stopped,

    /** Transport playing. */
    Rolling,

    /** Waiting for slow-sync clients before rolling. */
    Starting,

    /** Waiting for network sync. */
    NetStarting,

    /** A state this binding does not know. */
    Unknown,
    ;

    internal companion object {
        fun of(native: Int): TransportStatus = when (native) {
            0 -> Stopped
            1 -> Rolling
            3 -> Starting
            4 -> NetStarting
            else -> Unknown
        }
    }
}
