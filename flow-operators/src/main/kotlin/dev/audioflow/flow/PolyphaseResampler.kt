package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.spi.Resampler
import dev.audioflow.spi.Resamplers
import java.util.concurrent.ConcurrentHashMap
import kotlin.math.PI
import kotlin.math.ceil
import kotlin.math.sin
import kotlin.math.sqrt

/**
 * Streaming rational resampler by `L/M` with a precomputed Kaiser-windowed sinc filter bank
 * (see [PolyphaseResamplerProvider] for its design and measured quality). Input history is kept
 * interleaved; frames before the start of the stream and after its end count as zeros.
 */
internal class PolyphaseResampler(
    override val sourceRate: Int,
    override val targetRate: Int,
    override val channels: Int,
) : Resampler {
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
    private var inputFrames: Long = 0

    /** Output frames produced so far. */
    private var outputFrames: Long = 0
    private var base = 0L
    private var phase = 0
    private var flushed = false
    private var closed = false

    init {
        Resamplers.checkArguments(sourceRate, targetRate, channels)
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

    override fun process(input: FloatArray, frames: Int): FloatArray {
        AudioException.require(!flushed && !closed) { "polyphase resampler: process after ${if (closed) "close" else "finish"}" }
        AudioException.require(frames >= 0 && frames.toLong() * channels <= input.size) {
            "polyphase resampler: $frames frames of $channels channels need ${frames.toLong() * channels} samples, the array holds ${input.size}"
        }
        push(input, frames)
        return produce(ending = false) ?: EMPTY
    }

    override fun finish(): FloatArray {
        AudioException.require(!closed) { "polyphase resampler: finish after close" }
        if (flushed) return EMPTY
        return produce(ending = true) ?: EMPTY
    }

    /** Drops the history; the filter bank stays shared. */
    override fun close() {
        closed = true
        buffer = EMPTY
    }

    /** Output position of the input frame [input], rounded up. */
    private fun outputIndexOf(input: Long): Long = (input * up + down - 1) / down

    /** Appends [frames] interleaved frames. */
    private fun push(samples: FloatArray, frames: Int) {
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
    private fun produce(ending: Boolean): FloatArray? {
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
        val EMPTY = FloatArray(0)

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
