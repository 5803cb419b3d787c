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
 * stereo copy written as one loop over preallocated FloatArrays.
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
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun pipeline(bh: Blackhole) = runBlocking {
        fourSinePipeline(48_000, BLOCK_FRAMES).takeFrames(FRAMES_PER_OP.toLong()).collect { bh.consume(it) }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP)
    fun pipelineBaseline(bh: Blackhole) {
        for (v in 0 until 4) {
            re[v] = 1.0
            im[v] = 0.0
        }
        repeat(BLOCKS) {
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
