package dev.audioflow.compose

import dev.audioflow.AudioException

/**
 * When an oscilloscope trace starts: at the first frame where [channel] crosses [level] in the
 * direction of [slope]. A channel the stream does not have never fires (the scope free-runs).
 *
 * Thread: immutable, any thread.
 *
 * ```
 * mic.input(config).oscilloscope(traces, trigger = ScopeTrigger(level = 0.1f, slope = ScopeTrigger.Slope.Falling))
 * ```
 *
 * @property channel the channel watched, from 0.
 * @property level the level crossed, in sample units (full scale is ±1).
 * @property slope which crossings fire.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative
 *   [channel] or a [level] that is not finite.
 */
public data class ScopeTrigger(
    val channel: Int = 0,
    val level: Float = 0f,
    val slope: Slope = Slope.Rising,
) {
    init {
        AudioException.require(channel >= 0) { "scope trigger channel must not be negative, was $channel" }
        AudioException.require(level.isFinite()) { "scope trigger level must be finite, was $level" }
    }

    /** The direction of a crossing that fires the trigger. */
    public enum class Slope {
        /** From below [level] to at or above it. */
        Rising,

        /** From above [level] to at or below it. */
        Falling,
    }

    /** True when the step from [previous] to [current] fires this trigger. */
    public fun firesBetween(previous: Float, current: Float): Boolean = when (slope) {
        Slope.Rising -> previous < level && current >= level
        Slope.Falling -> previous > level && current <= level
    }
}
