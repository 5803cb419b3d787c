package dev.audioflow.jack

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
