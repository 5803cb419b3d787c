package dev.audioflow.jack

import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * Something that happened on the JACK server, as seen by one [JackClient]: delivered on
 * [JackClient.events] in the order JACK notified it.
 */
public sealed class JackEvent {
    /** A port appeared. */
    public data class PortRegistered(public val port: String) : JackEvent()

    /** A port went away. [port] is its last known name. */
    public data class PortUnregistered(public val port: String) : JackEvent()

    /** [source] (an output) was connected to [destination] (an input). */
    public data class PortConnected(public val source: String, public val destination: String) : JackEvent()

    /** [source] was disconnected from [destination]. */
    public data class PortDisconnected(public val source: String, public val destination: String) : JackEvent()

    /** A port was renamed from [oldName] to [newName]. */
    public data class PortRenamed(public val oldName: String, public val newName: String) : JackEvent()

    /** A client joined the server. */
    public data class ClientRegistered(public val client: String) : JackEvent()

    /** A client left the server. */
    public data class ClientUnregistered(public val client: String) : JackEvent()

    /** JACK reordered its processing graph (after connections changed). */
    public object GraphReordered : JackEvent() {
        override fun toString(): String = "GraphReordered"
    }

    /** The server's buffer size is now [frames]. */
    public data class BufferSizeChanged(public val frames: Int) : JackEvent()

    /** The server's sample rate is now [sampleRate]. */
    public data class SampleRateChanged(public val sampleRate: Int) : JackEvent()

    /** An xrun happened; [delay] is how late the cycle was, as JACK measured it (`jack_get_xrun_delayed_usecs`). */
    public class Xrun(@get:JvmSynthetic public val delay: Duration) : JackEvent() {
        /** [delay] as a `java.time.Duration` (the Java form). */
        public fun delay(): java.time.Duration = delay.toJavaDuration()

        /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
        @JvmSynthetic
        public fun copy(
            delay: Duration = this.delay,
        ): Xrun = Xrun(delay)

        /** [delay], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component1(): Duration = delay

        override fun equals(other: Any?): Boolean = other is Xrun && delay == other.delay

        override fun hashCode(): Int = delay.hashCode()

        override fun toString(): String = "Xrun(delay=$delay)"
    }

    /** Freewheel mode was entered ([on]) or left. */
    public data class FreewheelChanged(public val on: Boolean) : JackEvent()

    /** JACK recomputed port latencies for [mode]. */
    public data class LatencyChanged(public val mode: LatencyMode) : JackEvent()

    /**
     * The server shut down or threw this client out: the client is unusable and every stream
     * on it ends with [dev.audioflow.AudioErrorKind.ServerShutdown] (once it has delivered the
     * frames it captured).
     *
     * @property reason JACK's explanation.
     * @property status JACK's `jack_status_t` bits.
     */
    public data class ServerShutdown(public val reason: String, public val status: Int) : JackEvent()

    public companion object {
        /** [GraphReordered], for Java (`event.equals(JackEvent.graphReordered())`, or `instanceof JackEvent.GraphReordered`). */
        @JvmStatic
        public fun graphReordered(): GraphReordered = GraphReordered
    }
}
