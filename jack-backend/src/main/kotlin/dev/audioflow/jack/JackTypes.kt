package dev.audioflow.jack

import dev.audioflow.jack.internal.Jack

/**
 * The type of a JACK port: its type string as JACK reports it. [Audio] and [Midi] are the two
 * standard types; other strings (from other programs) are kept as they are.
 *
 * @property id JACK's type string, e.g. `32 bit float mono audio`.
 */
public data class PortType(public val id: String) {
    override fun toString(): String = id

    public companion object {
        /** `32 bit float mono audio`. */
        @JvmField public val Audio: PortType = PortType(Jack.AUDIO_TYPE)

        /** `8 bit raw midi`. */
        @JvmField public val Midi: PortType = PortType(Jack.MIDI_TYPE)
    }
}

/** A JACK port flag (`JackPortIsInput`...). */
public enum class PortFlag(public val bit: Int) {
    /** The port receives data (a sink: playback ports, client inputs). */
    Input(0x1),

    /** The port produces data (a source: capture ports, client outputs). */
    Output(0x2),

    /** The port is a physical I/O connector. */
    Physical(0x4),

    /** The port can be monitored (`jack_port_request_monitor`). */
    CanMonitor(0x8),

    /** Data starts (output) or ends (input) at this port: it is not passed through. */
    Terminal(0x10),
    ;

    public companion object {
        /** The flags set in the bit mask [bits]. */
        @JvmStatic
        public fun of(bits: Int): Set<PortFlag> = entries.filterTo(LinkedHashSet()) { bits and it.bit != 0 }

        /** The bit mask of [flags]. */
        @JvmStatic
        public fun bits(flags: Collection<PortFlag>): Int = flags.fold(0) { acc, flag -> acc or flag.bit }
    }
}

/** Which latency a [LatencyRange] describes (JACK's `jack_latency_callback_mode_t`). */
public enum class LatencyMode(internal val native: Int) {
    /** How long since the data read from a port arrived at a physical capture port. */
    Capture(0),

    /** How long until data written to a port reaches a physical playback port. */
    Playback(1),
}

/**
 * A port's latency in frames, as JACK computed it from the connected ports.
 *
 * @property min lowest latency over all paths.
 * @property max highest latency over all paths.
 */
public data class LatencyRange(public val min: Int, public val max: Int)

/**
 * One port in a [PortGraph] snapshot.
 *
 * @property name full name `client:port`.
 * @property type the port type.
 * @property flags its flags.
 * @property connections full names of the ports it is connected to, in JACK's order.
 * @property aliases its aliases (at most two).
 */
public data class PortInfo(
    public val name: String,
    public val type: PortType,
    public val flags: Set<PortFlag>,
    public val connections: List<String>,
    public val aliases: List<String>,
) {
    /** The client part of [name]. */
    public val clientName: String get() = name.substringBefore(':')
}

/**
 * A connection from an output port ([source]) to an input port ([destination]).
 */
public data class Connection(public val source: String, public val destination: String)

/**
 * A snapshot of every port of the server and every connection, as JACK lists them
 * (`jack_lsp -c`). Immutable; [JackClient.graph] publishes a new one after each change.
 *
 * @property ports every port in JACK's order.
 */
public data class PortGraph(public val ports: List<PortInfo>) {
    /** Ports by full name. */
    public val byName: Map<String, PortInfo> by lazy { ports.associateBy { it.name } }

    /** Every connection, each once, from output to input. */
    public val connections: Set<Connection> by lazy {
        ports.filter { PortFlag.Output in it.flags }
            .flatMapTo(LinkedHashSet()) { port -> port.connections.map { Connection(port.name, it) } }
    }

    /** Names of every client that owns a port. */
    public val clients: Set<String> get() = ports.mapTo(LinkedHashSet()) { it.clientName }

    /** The port called [name], or null. */
    public fun port(name: String): PortInfo? = byName[name]

    /** True when [source] is connected to [destination]. */
    public fun isConnected(source: String, destination: String): Boolean =
        byName[source]?.connections?.contains(destination) == true

    public companion object {
        /** The graph with no ports. */
        @JvmField public val EMPTY: PortGraph = PortGraph(emptyList())
    }
}

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

/**
 * Bar, beat and tick of the transport position, present when a timebase master provides them.
 */
public data class Bbt(
    public val bar: Int,
    public val beat: Int,
    public val tick: Int,
    public val barStartTick: Double,
    public val beatsPerBar: Float,
    public val beatType: Float,
    public val ticksPerBeat: Double,
    public val beatsPerMinute: Double,
)

/**
 * The transport's state and position.
 *
 * @property status stopped, rolling or starting.
 * @property frame the position in frames.
 * @property frameRate the server's rate.
 * @property bbt bar/beat/tick when a timebase master provides them, else null.
 */
public data class TransportState(
    public val status: TransportStatus,
    public val frame: Long,
    public val frameRate: Int,
    public val bbt: Bbt? = null,
) {
    /** True while rolling. */
    public val isRolling: Boolean get() = status == TransportStatus.Rolling

    public companion object {
        /** Before the first query, or after the server went away. */
        @JvmField public val UNKNOWN: TransportState = TransportState(TransportStatus.Unknown, 0, 0)
    }
}

/**
 * One MIDI message on a JACK MIDI port.
 *
 * @property time frame offset within the process cycle (0 until the cycle's buffer size).
 * @property data the raw MIDI bytes (status byte first). The array belongs to the event; do not modify it.
 * @property cycleFrame for received events, JACK's frame time of the cycle's first frame, so
 *   `cycleFrame + time` is the event's absolute frame; ignored when sending.
 */
public class MidiEvent @JvmOverloads constructor(
    public val time: Int,
    public val data: ByteArray,
    public val cycleFrame: Long = 0,
) {
    init {
        dev.audioflow.AudioException.require(time >= 0) { "MIDI event time must be >= 0, was $time" }
        dev.audioflow.AudioException.require(data.isNotEmpty()) { "MIDI event data must not be empty" }
    }

    /** Absolute frame on JACK's frame clock: [cycleFrame] + [time]. */
    public val frame: Long get() = cycleFrame + time

    override fun equals(other: Any?): Boolean =
        other is MidiEvent && other.time == time && other.cycleFrame == cycleFrame && other.data.contentEquals(data)

    override fun hashCode(): Int = (31 * time + data.contentHashCode()) * 31 + cycleFrame.hashCode()

    override fun toString(): String =
        "MidiEvent(time=$time, data=${data.joinToString(" ") { "%02x".format(it) }}, cycleFrame=$cycleFrame)"
}
