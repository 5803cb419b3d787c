package dev.audioflow.jack

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
