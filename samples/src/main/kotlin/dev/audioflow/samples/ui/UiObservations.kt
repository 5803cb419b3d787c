package dev.audioflow.samples.ui

import dev.audioflow.compose.MeterReading
import dev.audioflow.compose.ScopeTrace

/**
 * What the view actually displayed, counted on the window's event thread as it happens: how many
 * distinct meter readings and scope traces it painted, the range of peak levels it showed, and
 * the longest wait between two meter readings (a stalled event thread shows up here, not in the
 * audio). Read by the `ui` command's report after the window closed.
 *
 * Thread: written on the event thread; read after the window has closed.
 */
class UiObservations {
    /** Distinct meter readings shown. */
    var meterReadings: Long = 0; private set

    /** Distinct scope traces shown. */
    var scopeTraces: Long = 0; private set

    /** Lowest finite peak shown on any channel, dBFS (positive infinity before any). */
    var lowestPeakDbfs: Float = Float.POSITIVE_INFINITY; private set

    /** Highest peak shown on any channel, dBFS (negative infinity before any). */
    var highestPeakDbfs: Float = Float.NEGATIVE_INFINITY; private set

    /** Longest time between two meter readings being shown, in milliseconds. */
    var longestMeterGapMillis: Long = 0; private set

    private var lastMeterNanos = 0L

    /** Records that [meter] is on screen now (the model's flows deliver each reading once). */
    fun meterShown(meter: MeterReading?) {
        if (meter == null) return
        meterReadings++
        val now = System.nanoTime()
        if (lastMeterNanos != 0L) longestMeterGapMillis = maxOf(longestMeterGapMillis, (now - lastMeterNanos) / 1_000_000)
        lastMeterNanos = now
        for (c in 0 until meter.channels) {
            val peak = meter.levels.peakDbfs(c)
            if (peak.isFinite()) lowestPeakDbfs = minOf(lowestPeakDbfs, peak)
            highestPeakDbfs = maxOf(highestPeakDbfs, peak)
        }
    }

    /** Records that [trace] is on screen now. */
    fun scopeShown(trace: ScopeTrace?) {
        if (trace == null) return
        scopeTraces++
    }
}
