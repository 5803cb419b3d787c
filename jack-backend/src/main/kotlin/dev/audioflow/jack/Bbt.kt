package dev.audioflow.jack

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
