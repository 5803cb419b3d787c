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
 * [pipelineBaseline]: the same four sines (the same rotation recurrence), gains, sum and
 * stereo copy written as one loop over preallocated FloatArrays. Each operation renders
 * [PIPELINE_FRAMES] frames (5.5 s), so the mix's read-ahead past the end of the take (at most 64
 * blocks per voice) costs little.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class PipelineBenchmark {
    private val voice = FloatArray(BLOCK_FRAMES)
    private val sum = FloatArray(BLOCK_FRAMES)
    private val stereo = FloatArray(BLOCK_FRAMES * 2)
    private val re = DoubleArray(4)
    private val im = DoubleArray(4)
    private val stepCos = DoubleArray(4) { cos(2 * PI * PIPELINE_FREQUENCIES[it] / 48_000) }
    private val stepSin = DoubleArray(4) { sin(2 * PI * PIPELINE_FREQUENCIES[it] / 48_000) }

    @Benchmark
    @OperationsPerInvocation(PIPELINE_FRAMES)
    fun pipeline(bh: Blackhole) = runBlocking {
        fourSinePipeline(48_000, BLOCK_FRAMES).takeFrames(PIPELINE_FRAMES.toLong()).collect { bh.consume(it) }
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE_FRAMES)
    fun pipelineBaseline(bh: Blackhole) {
        for (v in 0 until 4) {
            re[v] = 1.0
            im[v] = 0.0
        }
        repeat(PIPELINE_FRAMES / BLOCK_FRAMES) {
            sum.fill(0f)
            for (v in 0 until 4) {
                var r = re[v]
                var i = im[v]
                val c = stepCos[v]
                val s = stepSin[v]
                for (f in 0 until BLOCK_FRAMES) {
                    voice[f] = (PIPELINE_AMPLITUDE * i).toFloat()
                    val next = r * c - i * s
                    i = r * s + i * c
                    r = next
                }
                re[v] = r
                im[v] = i
                for (f in 0 until BLOCK_FRAMES) sum[f] += voice[f] * PIPELINE_GAIN
            }
            for (f in 0 until BLOCK_FRAMES) {
                stereo[2 * f] = sum[f]
                stereo[2 * f + 1] = sum[f]
            }
            bh.consume(stereo)
        }
    }
}

/** Frames per pipeline benchmark operation: 1024 blocks of 256. */
const val PIPELINE_FRAMES = 1024 * BLOCK_FRAMES
