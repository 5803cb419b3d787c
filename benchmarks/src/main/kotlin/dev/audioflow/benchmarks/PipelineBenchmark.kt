package dev.audioflow.benchmarks

import dev.audioflow.flow.takeFrames
import kotlinx.coroutines.runBlocking
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OperationsPerInvocation
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.State
import org.openjdk.jmh.infra.Blackhole
import java.util.concurrent.TimeUnit
import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.sin

/**
 * Nanoseconds per output frame of the pipeline `4 × sine → gain → mix → stereo` at 48 kHz in
 * 256-frame blocks ([fourSinePipeline], the graph `benchmarks/render-vs-pyo` renders), next to
 * [pipelineBaseline]: the same four sines computed with the same arithmetic as audioflow's
 * `sine` (four interleaved second-order recurrences `y[n+4] = 2cos(4ω)·y[n] - y[n-4]` on
 * amplitude-scaled values, but carried across blocks instead of re-anchored at each), then the
 * gains, the sum and the stereo copy, written as plain loops over preallocated FloatArrays.
 * Each operation renders [PIPELINE_FRAMES] frames (5.5 s), so the mix's read-ahead past the end
 * of the take (at most 64 blocks per voice) costs little.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class PipelineBenchmark {
    private val voice = FloatArray(BLOCK_FRAMES)
    private val sum = FloatArray(BLOCK_FRAMES)
    private val stereo = FloatArray(BLOCK_FRAMES * 2)
    private val previous = Array(4) { DoubleArray(4) }
    private val current = Array(4) { DoubleArray(4) }
    private val twiceCos4 = DoubleArray(4) { 2 * cos(4 * omega(it)) }

    private fun omega(voice: Int) = 2 * PI * PIPELINE_FREQUENCIES[voice] / 48_000

    @Benchmark
    @OperationsPerInvocation(PIPELINE_FRAMES)
    fun pipeline(bh: Blackhole) = runBlocking {
        fourSinePipeline(48_000, BLOCK_FRAMES).takeFrames(PIPELINE_FRAMES.toLong()).collect { bh.consume(it) }
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE_FRAMES)
    fun pipelineBaseline(bh: Blackhole) {
        for (v in 0 until 4) {
            for (j in 0 until 4) {
                previous[v][j] = PIPELINE_AMPLITUDE * sin(omega(v) * j)
                current[v][j] = PIPELINE_AMPLITUDE * sin(omega(v) * (j + 4))
            }
        }
        repeat(PIPELINE_FRAMES / BLOCK_FRAMES) {
            sum.fill(0f)
            for (v in 0 until 4) {
                val p = previous[v]
                val c = current[v]
                var p0 = p[0]
                var p1 = p[1]
                var p2 = p[2]
                var p3 = p[3]
                var c0 = c[0]
                var c1 = c[1]
                var c2 = c[2]
                var c3 = c[3]
                val k = twiceCos4[v]
                var f = 0
                while (f < BLOCK_FRAMES) {
                    voice[f] = p0.toFloat()
                    voice[f + 1] = p1.toFloat()
                    voice[f + 2] = p2.toFloat()
                    voice[f + 3] = p3.toFloat()
                    val n0 = k * c0 - p0
                    val n1 = k * c1 - p1
                    val n2 = k * c2 - p2
                    val n3 = k * c3 - p3
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
                p[0] = p0
                p[1] = p1
                p[2] = p2
                p[3] = p3
                c[0] = c0
                c[1] = c1
                c[2] = c2
                c[3] = c3
                for (i in 0 until BLOCK_FRAMES) sum[i] += voice[i] * PIPELINE_GAIN
            }
            for (i in 0 until BLOCK_FRAMES) {
                stereo[2 * i] = sum[i]
                stereo[2 * i + 1] = sum[i]
            }
            bh.consume(stereo)
        }
    }
}

/** Frames per pipeline benchmark operation: 1024 blocks of 256. */
const val PIPELINE_FRAMES = 1024 * BLOCK_FRAMES
