package dev.audioflow.jack

/**
 * A connection from an output port ([source]) to an input port ([destination]).
 */
public data class Connection(public val source: String, public val destination: String)
