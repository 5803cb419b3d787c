package dev.audioflow.samples

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.clip
import dev.audioflow.flow.gain
import dev.audioflow.flow.mix
import dev.audioflow.flow.pan
import dev.audioflow.flow.saw
import dev.audioflow.flow.sine
import dev.audioflow.flow.square
import dev.audioflow.flow.takeDuration
import dev.audioflow.flow.whiteNoise
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onEach
import kotlin.math.exp
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * The demo's music: a four-bar loop (Am, F, C, G at 120 bpm, two seconds a bar) of a sine pad,
 * a saw bass, a square arpeggio and noise hi-hats, each note switched on and off by gain ramps,
 * each part panned, all mixed to stereo under a master fade.
 *
 * Every envelope is a function of the stream position, so the result is the same whether it is
 * played in real time or rendered offline as fast as possible.
 */
object DemoGraph {
    /** Beats per second at 120 bpm. */
    private const val BEAT = 0.5

    /** Seconds per bar. */
    private const val BAR = 4 * BEAT

    private val chords = listOf(
        listOf(220.00, 261.63, 329.63), // A minor
        listOf(174.61, 220.00, 261.63), // F major
        listOf(261.63, 329.63, 392.00), // C major
        listOf(196.00, 246.94, 293.66), // G major
    )

    /**
     * The demo mix in stereo at [sampleRate], [seconds] long, in blocks of [blockFrames].
     */
    fun build(seconds: Double, sampleRate: Int = 48_000, blockFrames: Int = 256): Flow<FloatBlock> {
        val mono = AudioFormat(sampleRate, 1)
        val parts = listOf(
            pad(mono, blockFrames).pan(0f),
            bass(mono, blockFrames).pan(-0.35f),
            arpeggio(mono, blockFrames).pan(0.45f),
            hats(mono, blockFrames).pan(0.2f),
        )
        return mix(parts)
            .envelope(sampleRate, 50.milliseconds) { t -> masterFade(t, seconds) }
            .clip()
            .takeDuration(seconds.seconds)
    }

    private fun chordAt(t: Double): List<Double> = chords[((t / BAR).toInt()) % chords.size]

    /** One sine per chord tone, sounding while its chord is on, with slow swells. */
    private fun pad(format: AudioFormat, block: Int): Flow<FloatBlock> {
        val notes = chords.flatten().distinct()
        return mix(
            notes.map { f ->
                sine(f, format, 0.12f, block).envelope(format.sampleRate, 120.milliseconds) { t -> if (f in chordAt(t)) 1f else 0f }
            },
        )
    }

    /** A saw on each chord's root, an octave down, plucked on every beat. */
    private fun bass(format: AudioFormat, block: Int): Flow<FloatBlock> {
        val roots = chords.map { it[0] / 2 }.distinct()
        return mix(
            roots.map { f ->
                saw(f, format, 0.22f, block).envelope(format.sampleRate, 8.milliseconds) { t ->
                    if (chordAt(t)[0] / 2 != f) 0f else pluck(t % BEAT, 0.35)
                }
            },
        )
    }

    /** Squares an octave above the chord, stepping up its tones in eighth notes. */
    private fun arpeggio(format: AudioFormat, block: Int): Flow<FloatBlock> {
        val notes = chords.flatten().map { it * 2 }.distinct()
        return mix(
            notes.map { f ->
                square(f, format, 0.05f, block).envelope(format.sampleRate, 5.milliseconds) { t ->
                    val step = (t / (BEAT / 2)).toInt()
                    val chord = chordAt(t)
                    if (chord[step % chord.size] * 2 != f) 0f else pluck(t % (BEAT / 2), 0.12)
                }
            },
        )
    }

    /** Short noise bursts on the off-beats. */
    private fun hats(format: AudioFormat, block: Int): Flow<FloatBlock> =
        whiteNoise(format, 0.12f, seed = 7, blockFrames = block).envelope(format.sampleRate, 2.milliseconds) { t ->
            val inBeat = t % BEAT
            if (inBeat < BEAT / 2) 0f else pluck(inBeat - BEAT / 2, 0.03)
        }

    /** An exponential decay from 1 with time constant [tau] seconds. */
    private fun pluck(elapsed: Double, tau: Double): Float = exp(-elapsed / tau).toFloat()

    /** A one-second fade in, and a fade out over the last 1.5 seconds. */
    private fun masterFade(t: Double, total: Double): Float =
        minOf(1.0, t / 1.0, (total - t) / 1.5).coerceIn(0.0, 1.0).toFloat() * 0.9f

    /**
     * Multiplies by [level] of the time at each block's start, through the ramping gain operator:
     * block-rate envelope values become click-free ramps of length [ramp].
     */
    private fun Flow<FloatBlock>.envelope(sampleRate: Int, ramp: Duration, level: (Double) -> Float): Flow<FloatBlock> {
        val upstream = this
        return flow {
            val value = MutableStateFlow(level(0.0))
            emitAll(upstream.onEach { value.value = level(it.frameIndex.toDouble() / sampleRate) }.gain(value, ramp))
        }
    }
}
