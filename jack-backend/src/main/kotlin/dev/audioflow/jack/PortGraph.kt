package dev.audioflow.jack

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
