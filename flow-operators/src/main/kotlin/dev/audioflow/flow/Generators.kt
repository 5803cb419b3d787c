package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.exp
import kotlin.math.floor
import kotlin.math.ln
import kotlin.math.sin
import kotlin.time.Duration

/*
 * The generators are cold, endless (except [sweep] and [asAudioFlow]) Flows of blocks of
 * `blockFrames` frames starting at frame 0, with the same signal on every channel (noise is
 * independent per channel). Bound their length with [take] or [takeFrames]. They emit as fast
 * as they are collected: pace them with a device ([playOn][dev.audioflow.playOn]) or write them
 * offline. Each collection starts again from frame 0 and the same seed.
 *
 * Cost: a few nanoseconds per sample; no `sin` call per sample.
 */
private const val DEFAULT_BLOCK = StreamConfig.DEFAULT_BLOCK_FRAMES

/** Emits `frames`-long blocks produced by [fill] (destination, frames, first frame index) until [total] frames. */
private fun generate(
    format: AudioFormat,
    blockFrames: Int,
    total: Long = Long.MAX_VALUE,
    fill: (dst: FloatArray, frames: Int, start: Long) -> Unit,
): Flow<FloatBlock> {
    checkBlockFrames(blockFrames)
    return flow {
        var position = 0L
        while (position < total) {
            val n = minOf(blockFrames.toLong(), total - position).toInt()
            val samples = FloatArray(n * format.channels)
            fill(samples, n, position)
            emit(FloatBlock(format, samples, position))
            position += n
        }
    }
}

/** Copies mono values in `dst[0 until frames]` to every channel, in place, last frame first. */
private fun spread(dst: FloatArray, frames: Int, channels: Int) {
    if (channels == 1) return
    for (f in frames - 1 downTo 0) {
        val x = dst[f]
        val base = f * channels
        for (c in 0 until channels) dst[base + c] = x
    }
}

private fun checkFrequency(frequency: Double, format: AudioFormat, name: String = "frequency") {
    AudioException.require(frequency.isFinite() && frequency >= 0.0 && frequency <= format.sampleRate / 2.0) {
        "$name must be in 0..${format.sampleRate / 2.0} Hz (half the sample rate), was $frequency"
    }
}

private fun checkAmplitude(amplitude: Float) {
    AudioException.require(amplitude.isFinite() && amplitude >= 0f) { "amplitude must be finite and >= 0, was $amplitude" }
}

/** Phase in cycles (0..1) of [frequency] at frame [frame], exact for streams up to days long. */
private fun phaseAt(frequency: Double, frame: Long, sampleRate: Int): Double {
    val seconds = frame / sampleRate
    val rest = frame % sampleRate
    val cycles = frequency * seconds + frequency * rest / sampleRate
    return cycles - floor(cycles)
}

/**
 * A sine of [frequency] Hz and peak [amplitude], starting at phase 0.
 *
 * Computed by recurrences in double precision (four interleaved chains: a second-order
 * recurrence where it is accurate, complex rotations elsewhere), re-anchored with an exact
 * `sin`/`cos` at the start of every block, so the error never accumulates across blocks.
 * Error bound against the exact `amplitude · sin(2π f n / rate)`: at most `amplitude · 2^-24`
 * (the float rounding of the output) plus `1e-9 · amplitude` for blocks up to 2^20 frames, for
 * any stream position below 2^40 frames.
 *
 * ```
 * sine(440.0, AudioFormat.STEREO_48K, amplitude = 0.25f).take(2.seconds).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a frequency outside
 *   0..rate/2, a negative or non-finite amplitude, or a bad [blockFrames].
 */
public fun sine(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkFrequency(frequency, format)
    checkAmplitude(amplitude)
    val omega = 2 * PI * frequency / format.sampleRate
    val rotator = SineRotator(omega, amplitude.toDouble())
    return generate(format, blockFrames) { dst, frames, start ->
        rotator.fill(dst, frames, 2 * PI * phaseAt(frequency, start, format.sampleRate))
        spread(dst, frames, format.channels)
    }
}

/**
 * Sine samples from an exact starting phase, by four interleaved recurrences stepping 4ω, so
 * consecutive samples do not wait on each other's arithmetic. The first eight samples come from
 * complex rotations of the exact `cos`/`sin` of the phase; after them, each chain continues with
 * the second-order recurrence `y[n+4] = 2cos(4ω)·y[n] - y[n-4]` (one multiply and one subtract
 * per sample) when its error bound, `steps · 4·10^-16 / |sin 4ω|`, stays below 10^-10 for the
 * block, and with the complex rotation (always within `steps · 10^-15`) otherwise (frequencies
 * near 0 or near rate/8 and rate/4).
 */
private class SineRotator(omega: Double, private val amplitude: Double) {
    private val cos1 = cos(omega)
    private val sin1 = sin(omega)
    private val cos4 = cos(4 * omega)
    private val sin4 = sin(4 * omega)
    private val twiceCos4 = 2 * cos4
    private val sin4Magnitude = abs(sin4)

    fun fill(dst: FloatArray, frames: Int, phase: Double) {
        val re = DoubleArray(4)
        val im = DoubleArray(4)
        // The recurrences are linear, so they run on values already scaled by the amplitude.
        re[0] = amplitude * cos(phase)
        im[0] = amplitude * sin(phase)
        for (j in 1 until 4) {
            re[j] = re[j - 1] * cos1 - im[j - 1] * sin1
            im[j] = re[j - 1] * sin1 + im[j - 1] * cos1
        }
        if ((frames / 4 + 1) * SECOND_ORDER_ERROR <= MAX_ERROR * sin4Magnitude && frames >= 8) {
            secondOrder(dst, frames, re, im)
        } else {
            rotation(dst, frames, re, im)
        }
    }

    private fun secondOrder(dst: FloatArray, frames: Int, re: DoubleArray, im: DoubleArray) {
        var p0 = im[0]
        var p1 = im[1]
        var p2 = im[2]
        var p3 = im[3]
        var c0 = re[0] * sin4 + im[0] * cos4
        var c1 = re[1] * sin4 + im[1] * cos4
        var c2 = re[2] * sin4 + im[2] * cos4
        var c3 = re[3] * sin4 + im[3] * cos4
        dst[0] = p0.toFloat()
        dst[1] = p1.toFloat()
        dst[2] = p2.toFloat()
        dst[3] = p3.toFloat()
        dst[4] = c0.toFloat()
        dst[5] = c1.toFloat()
        dst[6] = c2.toFloat()
        dst[7] = c3.toFloat()
        val k = twiceCos4
        var f = 8
        while (f + 4 <= frames) {
            val n0 = k * c0 - p0
            val n1 = k * c1 - p1
            val n2 = k * c2 - p2
            val n3 = k * c3 - p3
            dst[f] = n0.toFloat()
            dst[f + 1] = n1.toFloat()
            dst[f + 2] = n2.toFloat()
            dst[f + 3] = n3.toFloat()
            p0 = c0
            p1 = c1
            p2 = c2
            p3 = c3
            c0 = n0
            c1 = n1
            c2 = n2
            c3 = n3
            f += 4
        }
        if (f < frames) dst[f] = (k * c0 - p0).toFloat()
        if (f + 1 < frames) dst[f + 1] = (k * c1 - p1).toFloat()
        if (f + 2 < frames) dst[f + 2] = (k * c2 - p2).toFloat()
    }

    private fun rotation(dst: FloatArray, frames: Int, re: DoubleArray, im: DoubleArray) {
        var f = 0
        while (f < frames) {
            for (j in 0 until 4) {
                if (f + j < frames) dst[f + j] = im[j].toFloat()
                val r = re[j] * cos4 - im[j] * sin4
                im[j] = re[j] * sin4 + im[j] * cos4
                re[j] = r
            }
            f += 4
        }
    }

    private companion object {
        /** Error one step of the second-order recurrence can add, relative to full scale (3 roundings). */
        const val SECOND_ORDER_ERROR = 4e-16

        /** Largest recurrence error allowed per block, far below float resolution. */
        const val MAX_ERROR = 1e-10
    }
}

/**
 * A square wave of [frequency] Hz alternating between +[amplitude] (first half-period) and
 * -[amplitude]. The phase of every sample is computed from its frame index (whole seconds and
 * the frames past them), so it is exact to double precision and identical whatever the block
 * size, with no accumulated drift. Not band-limited: its
 * harmonics above half the sample rate alias, which suits test signals and control use.
 *
 * ```
 * square(2.0, AudioFormat(48_000, 1)).take(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] as for [sine].
 */
public fun square(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    phaseWave(frequency, format, amplitude, blockFrames) { phase -> if (phase < 0.5) 1f else -1f }

/**
 * A rising sawtooth of [frequency] Hz from -[amplitude] to +[amplitude], with the exact
 * per-sample phase of [square]. Not band-limited (see [square]).
 *
 * ```
 * saw(110.0, format, 0.2f).take(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] as for [sine].
 */
public fun saw(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    phaseWave(frequency, format, amplitude, blockFrames) { phase -> (2 * phase - 1).toFloat() }

private inline fun phaseWave(
    frequency: Double,
    format: AudioFormat,
    amplitude: Float,
    blockFrames: Int,
    crossinline shape: (Double) -> Float,
): Flow<FloatBlock> {
    checkFrequency(frequency, format)
    checkAmplitude(amplitude)
    val rate = format.sampleRate
    return generate(format, blockFrames) { dst, frames, start ->
        var seconds = start / rate
        var rest = start % rate
        for (f in 0 until frames) {
            val cycles = frequency * seconds + frequency * rest / rate
            dst[f] = amplitude * shape(cycles - floor(cycles))
            if (++rest == rate.toLong()) {
                rest = 0
                seconds++
            }
        }
        spread(dst, frames, format.channels)
    }
}

/** xorshift64* generator: fast, full period, good enough for audio noise. */
private class NoiseSource(seed: Long) {
    private var state = if (seed == 0L) GOLDEN else seed xor GOLDEN

    /** Uniform in [-1, 1), from the top 24 bits. */
    fun next(): Float {
        var x = state
        x = x xor (x ushr 12)
        x = x xor (x shl 25)
        x = x xor (x ushr 27)
        state = x
        val bits = ((x * 2685821657736338717L) ushr 40).toInt()
        return bits * (2f / (1 shl 24)) - 1f
    }

    private companion object {
        const val GOLDEN = -7046029254386353131L
    }
}

/**
 * Uniform white noise in -[amplitude]..[amplitude], independent per channel, reproducible for
 * a [seed] (xorshift64*, 24-bit resolution).
 *
 * ```
 * whiteNoise(format, amplitude = 0.1f, seed = 42).take(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a bad amplitude or [blockFrames].
 */
public fun whiteNoise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkAmplitude(amplitude)
    checkBlockFrames(blockFrames)
    return flow {
        val noise = NoiseSource(seed)
        emitAll(generate(format, blockFrames) { dst, _, _ -> for (i in dst.indices) dst[i] = amplitude * noise.next() })
    }
}

/**
 * Pink (1/f, -3 dB per octave) noise, independent per channel, reproducible for a [seed]:
 * white noise through Paul Kellet's refined filter (a parallel bank of one-pole low-passes,
 * within ±0.05 dB of the ideal slope above 9.2 Hz for its design rate of 44.1 kHz; the poles are
 * fixed, so at other rates the same slope holds over a proportionally shifted band). Scaled so
 * the RMS is about a quarter of [amplitude]; values are not clipped.
 *
 * ```
 * pinkNoise(format, amplitude = 0.5f).take(10.seconds).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a bad amplitude or [blockFrames].
 */
public fun pinkNoise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkAmplitude(amplitude)
    checkBlockFrames(blockFrames)
    return flow {
        val noise = NoiseSource(seed)
        val ch = format.channels
        val state = Array(ch) { FloatArray(7) }
        val scale = amplitude * PINK_SCALE
        emitAll(
            generate(format, blockFrames) { dst, _, _ ->
                for (i in dst.indices) {
                    val b = state[i % ch]
                    val white = noise.next()
                    b[0] = 0.99886f * b[0] + white * 0.0555179f
                    b[1] = 0.99332f * b[1] + white * 0.0750759f
                    b[2] = 0.96900f * b[2] + white * 0.1538520f
                    b[3] = 0.86650f * b[3] + white * 0.3104856f
                    b[4] = 0.55000f * b[4] + white * 0.5329522f
                    b[5] = -0.7616f * b[5] - white * 0.0168980f
                    val pink = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362f
                    b[6] = white * 0.115926f
                    dst[i] = pink * scale
                }
            },
        )
    }
}

/** Brings Kellet's filter (RMS ≈ 1.9 for unit uniform input) to an RMS of a quarter of full scale. */
private const val PINK_SCALE = 0.13f

/**
 * Digital silence.
 *
 * ```
 * silence(format).take(500.milliseconds)   // a gap between two clips
 * ```
 */
public fun silence(format: AudioFormat, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    generate(format, blockFrames) { _, _, _ -> }

/**
 * A unit impulse of [amplitude] at frame 0, then silence; with [intervalFrames] > 0, an impulse
 * every [intervalFrames] frames (a click track, or an impulse-response probe).
 *
 * ```
 * impulse(format, intervalFrames = 48_000).take(4.seconds)   // one click per second
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative
 *   [intervalFrames] or a bad amplitude.
 */
public fun impulse(format: AudioFormat, intervalFrames: Long = 0, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    AudioException.require(intervalFrames >= 0) { "impulse intervalFrames must be >= 0, was $intervalFrames" }
    AudioException.require(amplitude.isFinite()) { "amplitude must be finite, was $amplitude" }
    val ch = format.channels
    return generate(format, blockFrames) { dst, frames, start ->
        var next = if (intervalFrames == 0L) 0L else (start + intervalFrames - 1) / intervalFrames * intervalFrames
        while (next < start + frames) {
            if (next >= start) dst.fill(amplitude, ((next - start) * ch).toInt(), ((next - start + 1) * ch).toInt())
            if (intervalFrames == 0L) break
            next += intervalFrames
        }
    }
}

/**
 * A sine sweeping from [from] to [to] Hz over [duration] (exponentially by default, equal time
 * per octave, the usual measurement sweep; linearly with [exponential] false), then completion.
 *
 * The instantaneous frequency follows a multiplicative (or additive) recurrence and the phase
 * accumulates in double precision; samples come from a 16384-entry sine table with linear
 * interpolation, whose error is below `1e-7 · amplitude`.
 *
 * ```
 * sweep(20.0, 20_000.0, 10.seconds, format, amplitude = 0.5f).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for frequencies outside
 *   0..rate/2 (and 0 for an exponential sweep), a bad duration or amplitude.
 */
public fun sweep(
    from: Double,
    to: Double,
    duration: Duration,
    format: AudioFormat,
    amplitude: Float = 1f,
    exponential: Boolean = true,
    blockFrames: Int = DEFAULT_BLOCK,
): Flow<FloatBlock> {
    checkFrequency(from, format, "sweep from")
    checkFrequency(to, format, "sweep to")
    checkDuration(duration, "sweep duration")
    checkAmplitude(amplitude)
    AudioException.require(!exponential || (from > 0.0 && to > 0.0)) { "an exponential sweep needs frequencies > 0 Hz, was $from..$to" }
    val total = format.framesOf(duration)
    checkBlockFrames(blockFrames)
    return flow {
        val rate = format.sampleRate.toDouble()
        val steps = maxOf(1L, total - 1)
        val ratio = if (exponential) exp(ln(to / from) / steps) else 0.0
        val delta = if (exponential) 0.0 else (to - from) / steps
        var frequency = from
        var phase = 0.0
        emitAll(
            generate(format, blockFrames, total) { dst, frames, _ ->
                for (f in 0 until frames) {
                    dst[f] = amplitude * SineTable.at(phase)
                    phase += frequency / rate
                    phase -= floor(phase)
                    frequency = if (exponential) frequency * ratio else frequency + delta
                }
                spread(dst, frames, format.channels)
            },
        )
    }
}

/** `sin(2π phase)` from a table with linear interpolation; error below 1e-7. */
internal object SineTable {
    private const val SIZE = 16384
    private val table = FloatArray(SIZE + 1) { sin(2 * PI * it / SIZE).toFloat() }

    fun at(phase: Double): Float {
        val x = phase * SIZE
        val i = x.toInt()
        val frac = (x - i).toFloat()
        val a = table[i]
        return a + (table[i + 1] - a) * frac
    }
}

/**
 * These interleaved samples as a finite Flow of blocks of [blockFrames] frames (the last may be
 * shorter), starting at frame 0. The array is copied block by block as it is emitted, so later
 * changes to it are not seen by blocks already emitted.
 *
 * ```
 * floatArrayOf(0f, 0.5f, 1f, 0.5f).asAudioFlow(AudioFormat(48_000, 1)).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the size is not a
 *   multiple of the channel count, or for a bad [blockFrames].
 */
public fun FloatArray.asAudioFlow(format: AudioFormat, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    AudioException.require(size % format.channels == 0) { "sample array size $size is not a multiple of ${format.channels} channels" }
    val source = this
    val ch = format.channels
    return generate(format, blockFrames, (size / ch).toLong()) { dst, frames, start ->
        System.arraycopy(source, (start * ch).toInt(), dst, 0, frames * ch)
    }
}
