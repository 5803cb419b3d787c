package dev.audioflow.samples.ui

import dev.audioflow.AudioFormat
import dev.audioflow.flow.Levels

/**
 * What a level meter shows for every channel: the latest window's peak and RMS and a peak hold,
 * all in dBFS (negative infinity for silence). Immutable; published through a `StateFlow`.
 *
 * @property levels the latest meter window.
 * @property holdDbfs per channel, the highest recent peak, held for [PeakHold.HOLD_NANOS] and
 *   then falling at [PeakHold.FALL_DB_PER_SECOND].
 * @property sequence counts windows since the pipeline started, so a view can tell a new
 *   reading from a repeated one.
 */
class MeterState(val levels: Levels, val holdDbfs: FloatArray, val sequence: Long) {
    /** Channels metered. */
    val channels: Int get() = levels.channels
}

/**
 * Computes the peak-hold marks of a meter from successive windows. Confined to the audio
 * collector that feeds it (not thread-safe).
 *
 * @param format the metered stream's format: the hold runs on the stream's own clock (its frame
 *   positions), so it behaves the same in real time and on virtual time.
 */
class PeakHold(private val format: AudioFormat) {
    private var holds = FloatArray(0)
    private var heldAt = LongArray(0)
    private var lastNanos = 0L
    private var sequence = 0L

    /** The meter state after [levels]. */
    fun update(levels: Levels): MeterState {
        val now = format.nanosOf(levels.frameIndex)
        if (holds.size != levels.channels) {
            holds = FloatArray(levels.channels) { Float.NEGATIVE_INFINITY }
            heldAt = LongArray(levels.channels) { now }
            lastNanos = now
        }
        val elapsedSeconds = (now - lastNanos).coerceAtLeast(0) / 1e9f
        lastNanos = now
        for (c in holds.indices) {
            val peak = levels.peakDbfs(c)
            if (peak >= holds[c]) {
                holds[c] = peak
                heldAt[c] = now
            } else if (now - heldAt[c] > HOLD_NANOS) {
                holds[c] = maxOf(peak, holds[c] - FALL_DB_PER_SECOND * elapsedSeconds)
            }
        }
        return MeterState(levels, holds.copyOf(), ++sequence)
    }

    companion object {
        /** How long a peak stays marked before it starts to fall. */
        const val HOLD_NANOS: Long = 1_500_000_000L

        /** How fast a held mark falls once released. */
        const val FALL_DB_PER_SECOND: Float = 20f
    }
}
