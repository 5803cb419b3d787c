package dev.audioflow.samples

import dev.audioflow.flow.Levels
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch

/**
 * The live part of a command's terminal output: an optional progress bar, one meter per
 * channel and a status line, redrawn from `StateFlow`s by a UI coroutine of its own, the way a
 * desktop UI would observe a pipeline (the audio never waits for the display).
 *
 * On a terminal it redraws in place ~20 times a second. Elsewhere (pipes, logs) it prints one
 * plain line every [logEvery] seconds when [logEvery] > 0, and nothing otherwise.
 *
 * @property levels the latest meter window, published by the pipeline with `meter(levels)`.
 */
class Dashboard(
    private val console: Console,
    private val totalSeconds: Double?,
    private val progressSeconds: () -> Double,
    private val status: () -> String = { "" },
    private val logEvery: Double = 0.0,
) {
    val levels = MutableStateFlow<Levels?>(null)
    private val display = LiveDisplay(console)
    private var job: Job? = null

    /** Starts redrawing in [scope] until [stop]. */
    fun start(scope: CoroutineScope) {
        job = scope.launch {
            var nextLog = logEvery
            while (isActive) {
                if (console.interactive) {
                    display.update { lines() }
                } else if (logEvery > 0 && progressSeconds() >= nextLog) {
                    console.note(logLine())
                    nextLog += logEvery
                }
                delay(FRAME_MILLIS)
            }
        }
    }

    /** Stops redrawing and leaves the final state on screen. */
    fun stop() {
        job?.cancel()
        display.update(force = true) { lines() }
    }

    private fun lines(): List<String> = buildList {
        val done = progressSeconds()
        if (totalSeconds != null) add(Render.progress(done, totalSeconds))
        else add(String.format(java.util.Locale.ROOT, "%.1f s", done))
        levels.value?.let { l ->
            for (c in 0 until l.channels) {
                add(Render.meter(Render.channelLabel(c, l.channels), l.peakDbfs(c).toDouble(), l.rmsDbfs(c).toDouble()))
            }
        }
        status().takeIf { it.isNotEmpty() }?.let { add(it) }
    }

    private fun logLine(): String {
        val l = levels.value
        val meters = if (l == null) "" else (0 until l.channels).joinToString("  ", prefix = "  ") { c ->
            "${Render.channelLabel(c, l.channels)} peak ${Render.db(l.peakDbfs(c).toDouble()).trim()}"
        }
        val extra = status().takeIf { it.isNotEmpty() }?.let { "  $it" } ?: ""
        return String.format(java.util.Locale.ROOT, "%6.1f s", progressSeconds()) + meters + extra
    }

    private companion object {
        const val FRAME_MILLIS = 50L
    }
}

/**
 * Peak and RMS of a whole stream per channel, accumulated block by block, for the summaries
 * commands print at the end.
 */
class SignalSummary {
    private var peaks = DoubleArray(0)
    private var squares = DoubleArray(0)

    /** Frames seen. */
    var frames: Long = 0
        private set

    /** Sample rate of the blocks seen, 0 before the first. */
    var sampleRate: Int = 0
        private set

    /** Adds the frames of [block]. */
    fun add(block: dev.audioflow.FloatBlock) {
        val ch = block.channels
        if (peaks.size != ch) {
            peaks = DoubleArray(ch)
            squares = DoubleArray(ch)
        }
        sampleRate = block.sampleRate
        val s = block.samples
        for (i in s.indices) {
            val v = s[i].toDouble()
            val c = i % ch
            val a = kotlin.math.abs(v)
            if (a > peaks[c]) peaks[c] = a
            squares[c] += v * v
        }
        frames += block.frames
    }

    /** Duration in seconds. */
    val seconds: Double get() = if (sampleRate == 0) 0.0 else frames.toDouble() / sampleRate

    /** Per-channel peak in dBFS. */
    fun peakDb(): List<Double> = peaks.map { Render.toDb(it) }

    /** Per-channel RMS in dBFS. */
    fun rmsDb(): List<Double> = squares.map { if (frames == 0L) Double.NEGATIVE_INFINITY else Render.toDb(kotlin.math.sqrt(it / frames)) }

    /** `peak -6.0 / -5.8 dBFS, RMS -17.2 / -16.9 dBFS`, or `no audio (0 frames)`. */
    fun levelsText(): String {
        if (frames == 0L) return "no audio (0 frames)"
        val peak = peakDb().joinToString(" / ") { Render.db(it).trim().removeSuffix(" dBFS") }
        val rms = rmsDb().joinToString(" / ") { Render.db(it).trim().removeSuffix(" dBFS") }
        return "peak $peak dBFS, RMS $rms dBFS"
    }
}
