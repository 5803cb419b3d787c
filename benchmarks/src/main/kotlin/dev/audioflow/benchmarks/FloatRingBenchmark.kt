package dev.audioflow.benchmarks

import dev.audioflow.FloatRing
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Group
import org.openjdk.jmh.annotations.GroupThreads
import org.openjdk.jmh.annotations.Level
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OperationsPerInvocation
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import java.util.concurrent.TimeUnit

/**
 * Moves 256-frame stereo blocks from a producer thread to a consumer thread through a
 * [FloatRing] (group `ring`), next to a baseline that copies the same bytes with two
 * `System.arraycopy` calls per block on each side, as the ring does, without any publication
 * (group `arraycopy`). Scores are blocks per microsecond per thread; `benchmarks/run` prints
 * the ratio.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
open class FloatRingBenchmark {
    private val frames = 256
    private val channels = 2
    private lateinit var ring: FloatRing
    private lateinit var producerBlock: FloatArray
    private lateinit var consumerBlock: FloatArray
    private lateinit var middle: FloatArray
    private lateinit var consumerCopy: FloatArray

    @Setup(Level.Trial)
    fun setUp() {
        ring = FloatRing(frames * 16, channels)
        producerBlock = FloatArray(frames * channels) { it * 1e-4f }
        consumerBlock = FloatArray(frames * channels)
        middle = FloatArray(frames * channels * 16)
        consumerCopy = FloatArray(frames * channels)
    }

    /** Writes one block, retrying (spinning) until it fits, like a producer that must not drop. */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    @OperationsPerInvocation(1)
    fun ringWrite(): Int {
        var done = 0
        while (done < frames) done += ring.write(producerBlock, done, frames - done)
        return done
    }

    /** Reads one block, spinning until it is complete. */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    fun ringRead(): Int {
        var done = 0
        while (done < frames) done += ring.read(consumerBlock, done, frames - done)
        return done
    }

    /** Baseline producer: the same bytes copied into a shared array, no synchronisation. */
    @Benchmark
    @Group("arraycopy")
    @GroupThreads(1)
    fun copyIn(): FloatArray {
        System.arraycopy(producerBlock, 0, middle, 0, producerBlock.size)
        return middle
    }

    /** Baseline consumer: the same bytes copied out of the shared array. */
    @Benchmark
    @Group("arraycopy")
    @GroupThreads(1)
    fun copyOut(): FloatArray {
        System.arraycopy(middle, 0, consumerCopy, 0, consumerCopy.size)
        return consumerCopy
    }
}
