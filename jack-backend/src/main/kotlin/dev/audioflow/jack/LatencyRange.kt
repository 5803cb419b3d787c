package dev.audioflow.jack

/**
 * A port's latency in frames, as JACK computed it from the connected ports.
 *
 * @property min lowest latency over all paths.
 * @property max highest latency over all paths.
 */
public data class LatencyRange(public val min: Int, public val max: Int)
