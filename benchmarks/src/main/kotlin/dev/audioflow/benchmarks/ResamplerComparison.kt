package dev.audioflow.benchmarks

import dev.audioflow.flow.PolyphaseResamplerProvider
import dev.audioflow.soxr.SoxrResamplerProvider
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.ResamplerProvider
import dev.audioflow.testing.ToneFit
import java.lang.management.ManagementFactory
import java.util.Locale
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln
import kotlin.math.log10
import kotlin.math.sin
import kotlin.math.sqrt

/** One resampler under test: a provider at a quality, with its label in the table. */
class Candidate(val label: String, val provider: ResamplerProvider, val quality: ResampleQuality)

/** What one candidate measured on one conversion. */
class Figures(
    val ripple08: Double,
    val ripple09: Double,
    val minus3Db: Double,
    val stopbandTones: Double,
    val stopbandSweep: Double,
    val pastNyquist: Double,
    val thdN: Double,
    val framesPerSecond: Double,
    val cpuFramesPerSecond: Double,
)

/** Signal lengths and repetitions: full, or the `--smoke` ones that only prove the program runs. */
class Settings(val toneSeconds: Double, val sweepSeconds: Double, val throughputSeconds: Int, val throughputRuns: Int, val passbandTones: Int)

/** Resamples mono [x] from [from] to [to] Hz through one stream of [c], in blocks of 4096 frames. */
fun convert(c: Candidate, x: FloatArray, from: Int, to: Int, channels: Int = 1): FloatArray =
    c.provider.create(from, to, channels, c.quality).use { r ->
        val parts = ArrayList<FloatArray>()
        val block = 4096
        var frame = 0
        val frames = x.size / channels
        while (frame < frames) {
            val n = minOf(block, frames - frame)
            parts += r.process(x.copyOfRange(frame * channels, (frame + n) * channels), n)
            frame += n
        }
        parts += r.finish()
        val out = FloatArray(parts.sumOf { it.size })
        var i = 0
        for (p in parts) {
            p.copyInto(out, i)
            i += p.size
        }
        out
    }

/** A sine of [frequency] Hz, amplitude [amplitude], [seconds] long at [rate]. */
fun tone(frequency: Double, rate: Int, seconds: Double, amplitude: Double = 0.5): FloatArray =
    FloatArray((seconds * rate).toInt()) { (amplitude * sin(2 * PI * frequency * it / rate)).toFloat() }

/** The fitted tone's amplitude and the RMS of what is left (`ToneFit` of the testing fixtures). */
fun fit(x: FloatArray, frequency: Double, rate: Int): Pair<Double, Double> = ToneFit.of(x, frequency, rate).let { it.amplitude to it.residualRms }

fun db(ratio: Double): Double = 20 * log10(maxOf(ratio, 1e-12))

/** [x] without 2048 samples at each end, where the filters start and stop (longer than any filter here). */
fun inner(x: FloatArray): FloatArray = x.copyOfRange(EDGE, x.size - EDGE)

private const val EDGE = 2048

private fun rms(x: FloatArray): Double = sqrt(x.sumOf { it.toDouble() * it } / x.size)

/** Gain in dB of a tone of [f] Hz taken from [from] to [to] Hz. */
fun gainDb(c: Candidate, f: Double, from: Int, to: Int, s: Settings): Double {
    val y = inner(convert(c, tone(f, from, s.toneSeconds), from, to))
    return db(fit(y, f, to).first / 0.5)
}

/**
 * Measures [c] on [from] → [to]: pass band (tones from 20 Hz to 0.9 × the lower Nyquist
 * frequency; the largest deviation from 0 dB up to 0.8 and 0.9 × that frequency: ripple, and
 * roll-off for filters that end their pass band earlier), the -3 dB point, stop band (stepped
 * tones and a continuous exponential sweep where nothing should come out: above the target's
 * Nyquist frequency when going down; near the source's Nyquist frequency, measuring the image,
 * when going up), one tone past the target's Nyquist frequency (or its image), THD+N of a 1 kHz
 * tone at -6 dBFS, and stereo throughput.
 */
fun measure(c: Candidate, from: Int, to: Int, s: Settings): Figures {
    val nyquist = minOf(from, to) / 2.0
    val passband = (0 until s.passbandTones).map { 20.0 * exp(ln(0.9 * nyquist / 20.0) * it / (s.passbandTones - 1)) } +
        (0..8).map { (0.5 + 0.05 * it) * nyquist }
    val gains = passband.associateWith { gainDb(c, it, from, to, s) }
    val ripple08 = gains.filterKeys { it <= 0.8 * nyquist }.values.maxOf { abs(it) }
    val ripple09 = gains.values.maxOf { abs(it) }
    val minus3Db = (0..80).map { (0.8 + 0.0025 * it) * nyquist }.firstOrNull { gainDb(c, it, from, to, s) < -3.0 }?.div(nyquist) ?: 1.0
    val stopTones: List<Double>
    val residualOf: (Double) -> Double
    if (to < from) {
        stopTones = (0..16).map { (to / 2.0) * (1.0 + (from.toDouble() / to * 0.98 - 1.0) * it / 16) }
        residualOf = { f -> db(rms(inner(convert(c, tone(f, from, s.toneSeconds), from, to))) / (0.5 / sqrt(2.0))) }
    } else {
        stopTones = (0..16).map { (0.91 + 0.085 * it / 16) * (from / 2.0) }.filter { from - it < to / 2.0 }
        residualOf = { f -> db(fit(inner(convert(c, tone(f, from, s.toneSeconds), from, to)), f, to).second / (0.5 / sqrt(2.0))) }
    }
    val stopbandTones = stopTones.maxOf(residualOf)
    val stopbandSweep = sweepStopband(c, from, to, s)
    val pastNyquist = residualOf(pastNyquistTone(from, to))
    val thdN = fit(inner(convert(c, tone(1_000.0, from, maxOf(s.toneSeconds, 1.0)), from, to)), 1_000.0, to).let { (a, r) -> db(r / (a / sqrt(2.0))) }
    val (wall, cpu) = throughput(c, from, to, s)
    return Figures(ripple08, ripple09, minus3Db, stopbandTones, stopbandSweep, pastNyquist, thdN, wall, cpu)
}

/** The one tone of the table: 23 kHz for 48 → 44.1 kHz, 10 kHz for 48 → 16 kHz; going up, 21 kHz (its image lands at 23.1 kHz). */
fun pastNyquistTone(from: Int, to: Int): Double = when {
    to > from -> 21_000.0
    to * 2 > from -> 23_000.0
    else -> 10_000.0
}

/**
 * A continuous exponential sweep over the band where the output must stay silent: when going
 * down, from the target's Nyquist frequency to 0.98 × the source's; the worst 10 ms window of
 * the output, relative to the sweep's RMS. Going up there is no such band in the input (the
 * image of a sweep overlaps it), so the stepped tones stand for it and this repeats their worst.
 */
fun sweepStopband(c: Candidate, from: Int, to: Int, s: Settings): Double {
    if (to >= from) return Double.NaN
    val f0 = to / 2.0
    val f1 = from / 2.0 * 0.98
    val n = (s.sweepSeconds * from).toInt()
    val k = ln(f1 / f0)
    val x = FloatArray(n) { i -> (0.5 * sin(2 * PI * f0 * n / from / k * (exp(k * i / n) - 1))).toFloat() }
    val y = inner(convert(c, x, from, to))
    val window = to / 100
    var worst = 0.0
    var i = 0
    while (i + window <= y.size) {
        worst = maxOf(worst, rms(y.copyOfRange(i, i + window)))
        i += window
    }
    return db(worst / (0.5 / sqrt(2.0)))
}

/** Input frames per second of wall time and of the thread's CPU time, best of the runs, stereo in 4096-frame blocks. */
fun throughput(c: Candidate, from: Int, to: Int, s: Settings): Pair<Double, Double> {
    val frames = from * s.throughputSeconds
    val x = FloatArray(frames * 2) { (0.3 * sin(2 * PI * 997.0 * (it / 2) / from) + 0.2 * sin(2 * PI * 5_003.0 * (it / 2) / from + it % 2)).toFloat() }
    val threads = ManagementFactory.getThreadMXBean()
    convert(c, x.copyOf(from * 2), from, to, 2)
    var bestWall = Double.MAX_VALUE
    var bestCpu = Double.MAX_VALUE
    repeat(s.throughputRuns) {
        val cpu0 = threads.currentThreadCpuTime
        val t0 = System.nanoTime()
        convert(c, x, from, to, 2)
        bestWall = minOf(bestWall, (System.nanoTime() - t0) / 1e9)
        bestCpu = minOf(bestCpu, (threads.currentThreadCpuTime - cpu0) / 1e9)
    }
    return frames / bestWall to frames / bestCpu
}

private fun f(format: String, vararg args: Any): String = String.format(Locale.ROOT, format, *args)

/**
 * `java -cp benchmarks.jar dev.audioflow.benchmarks.ResamplerComparisonKt [--smoke]`: the
 * hand-written polyphase resampler and libsoxr at each of its qualities on the same signals, for
 * 44.1 → 48 kHz, 48 → 44.1 kHz and 48 → 16 kHz, printed side by side with throughput ratios
 * against the polyphase resampler. `benchmarks/resampler-quality` runs it.
 */
fun main(args: Array<String>) {
    val smoke = "--smoke" in args
    val settings = if (smoke) Settings(0.5, 0.5, 1, 1, 4) else Settings(1.0, 4.0, 30, 5, 24)
    val soxr = SoxrResamplerProvider()
    check(soxr.isAvailable) { "libsoxr is not available: ${soxr.unavailableReason}" }
    val candidates = listOf(Candidate("polyphase (hand-written)", PolyphaseResamplerProvider(), ResampleQuality.HIGH)) +
        ResampleQuality.entries.map { Candidate("soxr ${it.name}", soxr, it) }
    println("resampler-quality: ${soxr.version}; ${if (smoke) "SMOKE settings, figures mean nothing" else "tones ${settings.toneSeconds} s, sweep ${settings.sweepSeconds} s, throughput best of ${settings.throughputRuns} × ${settings.throughputSeconds} s stereo"}")
    for ((from, to) in listOf(44_100 to 48_000, 48_000 to 44_100, 48_000 to 16_000)) {
        println()
        println("== $from -> $to Hz (lower Nyquist frequency fN = ${minOf(from, to) / 2} Hz) ==")
        println(f("%-26s %11s %11s %8s %13s %13s %14s %10s %22s %9s", "resampler", "±dB ≤.8fN", "±dB ≤.9fN", "-3 dB", "stop (tones)", "stop (sweep)", if (to < from) "tone > target fN" else "image near fN", "THD+N 1k", "throughput wall / cpu", "vs poly"))
        var baseline = 0.0
        for (c in candidates) {
            val m = measure(c, from, to, settings)
            if (baseline == 0.0) baseline = m.cpuFramesPerSecond
            println(
                f(
                    "%-26s %9.4f dB %9.4f dB %6.3f fN %10.1f dB %10s %11.1f dB %7.1f dB %8.1f / %5.1f M fr/s %8.2fx",
                    c.label, m.ripple08, m.ripple09, m.minus3Db, m.stopbandTones,
                    if (m.stopbandSweep.isNaN()) "(n/a)" else f("%7.1f dB", m.stopbandSweep),
                    m.pastNyquist, m.thdN, m.framesPerSecond / 1e6, m.cpuFramesPerSecond / 1e6, m.cpuFramesPerSecond / baseline,
                ),
            )
        }
    }
}
