package dev.audioflow.benchmarks

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.gain
import dev.audioflow.flow.meter
import dev.audioflow.flow.mix
import dev.audioflow.flow.reblock
import dev.audioflow.flow.PolyphaseResamplerProvider
import dev.audioflow.flow.resample
import dev.audioflow.spi.ResampleQuality
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Level
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OperationsPerInvocation
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import org.openjdk.jmh.infra.Blackhole
import java.util.SplittableRandom
import java.util.concurrent.TimeUnit
import kotlin.math.abs
import kotlin.math.sqrt

/** Blocks per benchmark operation and their size: 64 stereo blocks of 256 frames. */
const val BLOCKS = 64
const val BLOCK_FRAMES = 256
const val FRAMES_PER_OP = BLOCKS * BLOCK_FRAMES

/**
 * Nanoseconds per frame of the flow operators on 256-frame stereo blocks at 48 kHz, each next
 * to a `*Baseline` benchmark: a hand-written loop over plain FloatArrays doing the same
 * arithmetic into preallocated arrays, with no Flow, no coroutine and no allocation. The ratio
 * is the price of the Flow abstraction (suspension, one new array per block, status and
 * frameIndex bookkeeping). Each operation processes [FRAMES_PER_OP] frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class OperatorBenchmark {
    private val format = AudioFormat(48_000, 2)
    private lateinit var blocks: List<FloatBlock>
    private lateinit var voices: List<List<FloatBlock>>
    private lateinit var out: FloatArray
    private lateinit var taps: FloatArray
    private lateinit var history: FloatArray

    @Setup(Level.Trial)
    fun setUp() {
        val random = SplittableRandom(1)
        fun block(index: Int) = FloatBlock(format, FloatArray(BLOCK_FRAMES * 2) { (random.nextDouble() - 0.5).toFloat() }, index.toLong() * BLOCK_FRAMES)
        blocks = List(BLOCKS) { block(it) }
        voices = List(4) { List(BLOCKS) { block(it) } }
        out = FloatArray(BLOCK_FRAMES * 2 * 2)
        taps = FloatArray(RESAMPLE_TAPS) { random.nextDouble().toFloat() / RESAMPLE_TAPS }
        history = FloatArray((BLOCK_FRAMES + RESAMPLE_TAPS) * 2)
    }

    private fun source(list: List<FloatBlock>): Flow<FloatBlock> = flow { for (b in list) emit(b) }

    private fun drain(flow: Flow<FloatBlock>, bh: Blackhole) = runBlocking { flow.collect { bh.consume(it) } }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun gain(bh: Blackhole) = drain(source(blocks).gain(0.5f), bh)

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun gainBaseline(bh: Blackhole) {
        for (b in blocks) {
            val src = b.samples
            for (i in src.indices) out[i] = src[i] * 0.5f
            bh.consume(out)
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun mix4(bh: Blackhole) = drain(mix(voices.map { source(it) }), bh)

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun mix4Baseline(bh: Blackhole) {
        for (k in 0 until BLOCKS) {
            val n = BLOCK_FRAMES * 2
            val a = voices[0][k].samples
            val b = voices[1][k].samples
            val c = voices[2][k].samples
            val d = voices[3][k].samples
            for (i in 0 until n) out[i] = a[i] + b[i] + c[i] + d[i]
            bh.consume(out)
        }
    }

    /** Re-cuts 256-frame blocks into 100-frame blocks. */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun reblock(bh: Blackhole) = drain(source(blocks).reblock(100), bh)

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun reblockBaseline(bh: Blackhole) {
        var filled = 0
        for (b in blocks) {
            var offset = 0
            while (offset < BLOCK_FRAMES) {
                val n = minOf(100 - filled, BLOCK_FRAMES - offset)
                System.arraycopy(b.samples, offset * 2, out, filled * 2, n * 2)
                filled += n
                offset += n
                if (filled == 100) {
                    bh.consume(out)
                    filled = 0
                }
            }
        }
    }

    /**
     * 48 kHz to 44.1 kHz, stereo, through the hand-written polyphase resampler (its baseline
     * mirrors that design; libsoxr is measured by `benchmarks/resampler-quality`).
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun resample(bh: Blackhole) = drain(source(blocks).resample(44_100, ResampleQuality.HIGH, PolyphaseResamplerProvider()), bh)

    /**
     * The same number of multiply-adds as the resampler (one [RESAMPLE_TAPS]-tap dot product per
     * output sample and channel, 147 outputs per 160 inputs) over a sliding history, with
     * phase stepping but one fixed filter.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun resampleBaseline(bh: Blackhole) {
        var phase = 0
        for (b in blocks) {
            System.arraycopy(history, BLOCK_FRAMES * 2, history, 0, RESAMPLE_TAPS * 2)
            System.arraycopy(b.samples, 0, history, RESAMPLE_TAPS * 2, BLOCK_FRAMES * 2)
            var o = 0
            var base = 0
            while (base < BLOCK_FRAMES) {
                for (c in 0 until 2) {
                    var acc = 0f
                    var s = base * 2 + c
                    for (k in 0 until RESAMPLE_TAPS) {
                        acc += history[s] * taps[k]
                        s += 2
                    }
                    out[o++] = acc
                }
                phase += 160
                while (phase >= 147) {
                    phase -= 147
                    base++
                }
            }
            bh.consume(out)
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun meter(bh: Blackhole) = drain(source(blocks).meter(2048) { bh.consume(it) }, bh)

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun meterBaseline(bh: Blackhole) {
        val peaks = FloatArray(2)
        val squares = DoubleArray(2)
        var count = 0
        for (b in blocks) {
            val src = b.samples
            for (f in 0 until BLOCK_FRAMES) {
                for (c in 0 until 2) {
                    val x = src[2 * f + c]
                    if (abs(x) > peaks[c]) peaks[c] = abs(x)
                    squares[c] += (x * x).toDouble()
                }
                if (++count == 2048) {
                    bh.consume(peaks[0] + peaks[1] + sqrt(squares[0] / 2048) + sqrt(squares[1] / 2048))
                    peaks.fill(0f)
                    squares.fill(0.0)
                    count = 0
                }
            }
        }
    }

    private companion object {
        /** Taps per output of the resampler for 48 → 44.1 kHz: 2 × ceil(32 / (0.91 × 147/160)). */
        const val RESAMPLE_TAPS = 78
    }
}
