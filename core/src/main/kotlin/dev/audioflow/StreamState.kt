package dev.audioflow

/** Where a stream is in its life. */
public enum class StreamState {
    /** Not opened yet (or the monitor has never been attached). */
    Idle,

    /** Native resources are open; callbacks have not started. */
    Opened,

    /** Callbacks are running. */
    Running,

    /** Output is being played out before stopping. */
    Draining,

    /** Stopped and closed normally. */
    Closed,

    /** Ended by an exception (fatal device condition or a failing operator). */
    Failed,
}
