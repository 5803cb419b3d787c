@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import java.util.concurrent.ConcurrentHashMap
import kotlin.math.PI
import kotlin.math.ceil
import kotlin.math.sin
import kotlin.math.sqrt

/**
 * Converts the stream to [targetRate] Hz with a band-limited polyphase windowed-sinc resampler.
 *
 * The ratio is reduced to `L/M` (e.g. 160/147 for 44.1→48 kHz) and one Kaiser-windowed sinc
 * phase is precomputed per `L`, so every output sample is an exact dot product with no
 * interpolation between phases. Quality (Kaiser β = 9, 32 zero crossings per side, cut-off at
 * 0.91 × the lower Nyquist frequency): pass band flat to 0.8 × the lower Nyquist frequency
 * within 0.01 dB; stop band from the lower Nyquist frequency on, attenuated by at least 80 dB,
 * so aliasing and imaging stay below -80 dB (measured figures: `docs/performance-notes.md`).
 * Cost: about `64 / min(1, L/M)` multiply-adds per output sample and channel.
 *
 * The filter is centred (linear phase, no delay in frame positions): output frame `n` is the
 * input evaluated at time `n · M/L`. The first output `frameIndex` is the first input
 * `frameIndex` scaled to the new rate, and an input of `N` frames yields `ceil(N · L/M)` output
 * frames; the end is completed with zeros when the upstream completes. Each input block's
 * status is carried by the output block containing the output frame at (or just after) its first
 * frame's time. A stream already at [targetRate] passes through untouched.
 *
 * ```
 * wavFile(cd44k).resample(48_000).playOn(speaker)
 * ```
 *
 * Thread: collector's context; never blocks. Memory: the filter bank (`L × taps` floats, a few
 * tens of kB for common rates, designed on the first use of a ratio and kept for the life of
 * the process) and about one input block of history.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [targetRate] outside
 *   1..[AudioFormat.MAX_SAMPLE_RATE], and (on collection) when the format changes mid-stream;
 *   [AudioErrorKind.UnsupportedFormat] when the reduced ratio needs more than
 *   [MAX_RESAMPLE_PHASES] phases (rates with almost no common divisor, like 44100→44101).
 */
public fun Flow<FloatBlock>.resample(targetRate: Int): Flow<FloatBlock> {
    AudioException.require(targetRate in 1..AudioFormat.MAX_SAMPLE_RATE) {
        "resample targetRate must be in 1..${AudioFormat.MAX_SAMPLE_RATE} Hz, was $targetRate"
    }
    val upstream = this
    return flow {
        val guard = FormatGuard("resample")
        var resampler: PolyphaseResampler? = null
        val pending = PendingStatus()
        var outBase = 0L
        var outFormat: AudioFormat? = null
        var anchorNanos = 0L
        upstream.collect { block ->
            val format = guard.check(block)
            if (format.sampleRate == targetRate) {
                emit(block)
                return@collect
            }
            val r = resampler ?: PolyphaseResampler(format.sampleRate, targetRate, format.channels).also {
                resampler = it
                outBase = block.frameIndex * it.up / it.down
                outFormat = format.copy(sampleRate = targetRate)
                anchorNanos = block.timestampNanos
            }
            pending.add(outBase + r.outputIndexOf(r.inputFrames), block.status)
            r.push(block.samples, block.frames)
            val out = r.produce(ending = false)
            if (out != null) emitOutput(out, r, outFormat!!, outBase, anchorNanos, pending, last = false)
        }
        val r = resampler ?: return@flow
        val out = r.produce(ending = true)
        if (out != null || !pending.isEmpty) {
            emitOutput(out ?: FloatArray(0), r, outFormat!!, outBase, anchorNanos, pending, last = true)
        }
    }
}

private suspend fun kotlinx.coroutines.flow.FlowCollector<FloatBlock>.emitOutput(
    samples: FloatArray,
    r: PolyphaseResampler,
    format: AudioFormat,
    outBase: Long,
    anchorNanos: Long,
    pending: PendingStatus,
    last: Boolean,
) {
    val frames = samples.size / format.channels
    val start = r.outputFrames - frames
    val status = if (last) pending.takeAll() else pending.takeBefore(outBase + r.outputFrames)
    emit(FloatBlock(format, samples, outBase + start, anchorNanos + format.nanosOf(start), status))
}

/** Largest number of filter phases (the reduced numerator `L` of the rate ratio) [resample] accepts. */
public const val MAX_RESAMPLE_PHASES: Int = 8192

/**
 * Streaming rational resampler by `L/M` with a precomputed Kaiser-windowed sinc filter bank.
 * Input history is kept interleaved; frames before the start of the stream and after its end
 * count as zeros.
 */
internal class PolyphaseResampler(sourceRate: Int, targetRate: Int, private val channels: Int) {
    val up: Int
    val down: Int
    private val half: Int
    private val taps: Int
    private val bank: FloatArray

    private var buffer: FloatArray
    private var bufferFrames: Int

    /** Input index (relative to the stream start) of `buffer` frame 0; negative while zeros of the start remain. */
    private var bufferStart: Long

    /** Input frames received so far. */
    var inputFrames: Long = 0
        private set

    /** Output frames produced so far. */
    var outputFrames: Long = 0
        private set
    private var base = 0L
    private var phase = 0
    private var flushed = false

    init {
        val g = gcd(sourceRate, targetRate)
        up = targetRate / g
        down = sourceRate / g
        if (up > MAX_RESAMPLE_PHASES) {
            throw AudioException(
                AudioErrorKind.UnsupportedFormat,
                "resampling $sourceRate Hz to $targetRate Hz needs $up filter phases (ratio $up/$down), more than $MAX_RESAMPLE_PHASES",
            )
        }
        val cutoff = CUTOFF * minOf(1.0, up.toDouble() / down)
        half = ceil(ZERO_CROSSINGS / cutoff).toInt()
        taps = 2 * half
        bank = BANKS.computeIfAbsent(up.toLong() shl 32 or down.toLong()) { design(cutoff) }
        buffer = FloatArray(maxOf(1024, 4 * taps) * channels)
        bufferFrames = half
        bufferStart = -half.toLong()
    }

    /**
     * The filter bank: phase `p`, tap `k` weights input `i - half + 1 + k` for an output at
     * time `i + p/up`; each phase is normalised to unit DC gain.
     */
    private fun design(cutoff: Double): FloatArray {
        val bank = FloatArray(up * taps)
        val values = DoubleArray(taps)
        val i0Beta = besselI0(BETA)
        for (p in 0 until up) {
            var sum = 0.0
            for (k in 0 until taps) {
                val d = (k - half + 1) - p.toDouble() / up
                val x = d / half
                val window = if (x <= -1.0 || x >= 1.0) 0.0 else besselI0(BETA * sqrt(1 - x * x)) / i0Beta
                val sinc = if (d == 0.0) 1.0 else sin(PI * cutoff * d) / (PI * cutoff * d)
                values[k] = cutoff * sinc * window
                sum += values[k]
            }
            for (k in 0 until taps) bank[p * taps + k] = (values[k] / sum).toFloat()
        }
        return bank
    }

    /** Output position of the input frame [input], rounded up. */
    fun outputIndexOf(input: Long): Long = (input * up + down - 1) / down

    /** Appends [frames] interleaved frames. */
    fun push(samples: FloatArray, frames: Int) {
        ensureRoom(frames)
        System.arraycopy(samples, 0, buffer, bufferFrames * channels, frames * channels)
        bufferFrames += frames
        inputFrames += frames
    }

    private fun ensureRoom(frames: Int) {
        val needed = (bufferFrames + frames) * channels
        if (needed > buffer.size) buffer = buffer.copyOf(maxOf(needed, buffer.size * 2))
    }

    /**
     * Every output frame computable now (with [ending], all remaining ones, treating the input
     * after its end as zeros), or null when there is none.
     */
    fun produce(ending: Boolean): FloatArray? {
        if (ending && !flushed) {
            flushed = true
            ensureRoom(half)
            buffer.fill(0f, bufferFrames * channels, (bufferFrames + half) * channels)
            bufferFrames += half
        }
        val limit = if (ending) outputIndexOf(inputFrames) else availableOutputs()
        val count = (limit - outputFrames).toInt()
        if (count <= 0) return null
        val out = FloatArray(count * channels)
        val ch = channels
        var o = 0
        repeat(count) {
            val first = ((base - half + 1 - bufferStart) * ch).toInt()
            val coefficients = phase * taps
            for (c in 0 until ch) out[o++] = dot(buffer, first + c, ch, bank, coefficients, taps)
            phase += down
            while (phase >= up) {
                phase -= up
                base++
            }
        }
        outputFrames += count
        discardBefore(base - half + 1)
        return out
    }

    /**
     * The dot product of [taps] samples of [x] (from [start], every [stride]) with [h] (from
     * [offset]), in four independent partial sums so the additions do not wait on each other.
     */
    private fun dot(x: FloatArray, start: Int, stride: Int, h: FloatArray, offset: Int, taps: Int): Float {
        var a0 = 0f
        var a1 = 0f
        var a2 = 0f
        var a3 = 0f
        var s = start
        var k = offset
        val end = offset + taps - taps % 4
        while (k < end) {
            a0 += x[s] * h[k]
            a1 += x[s + stride] * h[k + 1]
            a2 += x[s + 2 * stride] * h[k + 2]
            a3 += x[s + 3 * stride] * h[k + 3]
            s += 4 * stride
            k += 4
        }
        while (k < offset + taps) {
            a0 += x[s] * h[k]
            s += stride
            k++
        }
        return (a0 + a1) + (a2 + a3)
    }

    /** Outputs whose whole filter span `base - half + 1 .. base + half` lies within the received input. */
    private fun availableOutputs(): Long {
        val lastBase = inputFrames - 1 - half
        if (lastBase < 0) return 0
        return ((lastBase + 1) * up - 1) / down + 1
    }

    private fun discardBefore(input: Long) {
        val drop = (input - bufferStart).toInt()
        if (drop <= 0) return
        val keep = bufferFrames - drop
        System.arraycopy(buffer, drop * channels, buffer, 0, keep * channels)
        bufferFrames = keep
        bufferStart = input
    }

    private companion object {
        /**
         * Filter banks by rate ratio (`up shl 32 or down`), designed once per ratio and shared
         * (read-only) by every resampler: a stream that starts often pays the design once.
         */
        val BANKS = ConcurrentHashMap<Long, FloatArray>()

        /** Zero crossings of the sinc on each side of the centre (at the lower rate). */
        const val ZERO_CROSSINGS = 32.0

        /** Kaiser window shape: about 90 dB side-lobe attenuation. */
        const val BETA = 9.0

        /** Cut-off as a fraction of the lower Nyquist frequency. */
        const val CUTOFF = 0.91

        fun gcd(a: Int, b: Int): Int = if (b == 0) a else gcd(b, a % b)

        /** Modified Bessel function of the first kind, order 0, by its power series. */
        fun besselI0(x: Double): Double {
            var sum = 1.0
            var term = 1.0
            val q = x * x / 4
            var k = 1
            while (term > 1e-12 * sum) {
                term *= q / (k.toDouble() * k)
                sum += term
                k++
            }
            return sum
        }
    }
}
