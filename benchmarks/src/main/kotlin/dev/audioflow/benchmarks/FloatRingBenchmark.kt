package dev.audioflow.benchmarks

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.FloatRing
import org.openjdk.jmh.annotations.AuxCounters
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Group
import org.openjdk.jmh.annotations.GroupThreads
import org.openjdk.jmh.annotations.Level
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import java.util.concurrent.TimeUnit

/**
 * Moves 256-frame stereo blocks from a producer thread to a consumer thread through a
 * [FloatRing] (group `ring`), next to a baseline that copies the same bytes with
 * `System.arraycopy` in and out of a shared array with no publication at all (group
 * `arraycopy`). Each operation is one non-blocking attempt (a spinning operation would never
 * return once JMH stops its partner thread); the `frames` counter reports frames actually moved
 * per microsecond, written plus read, which is what `benchmarks/run` compares.
 */
@OptIn(DelicateAudioApi::class)
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
open class FloatRingBenchmark {
    private val frames = 256
    private val channels = 2
    private lateinit var ring: FloatRing
    private lateinit var producerBlock: FloatArray
    private lateinit var consumerBlock: FloatArray
    private lateinit var shared: FloatArray

    @Setup(Level.Trial)
    fun setUp() {
        ring = FloatRing(frames * 16, channels)
        producerBlock = FloatArray(frames * channels) { it * 1e-4f }
        consumerBlock = FloatArray(frames * channels)
        shared = FloatArray(frames * channels)
    }

    /** Per-thread count of frames moved, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    open class Moved {
        @JvmField var frames: Long = 0

        @Setup(Level.Iteration)
        fun reset() {
            frames = 0
        }
    }

    /** Producer: writes as much of one block as fits. */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    fun ringWrite(moved: Moved) {
        moved.frames += ring.write(producerBlock, 0, frames)
    }

    /** Consumer: reads up to one block. */
    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    fun ringRead(moved: Moved) {
        moved.frames += ring.read(consumerBlock, 0, frames)
    }

    /** Baseline producer: the same bytes copied into a shared array. */
    @Benchmark
    @Group("arraycopy")
    @GroupThreads(1)
    fun copyIn(moved: Moved) {
        System.arraycopy(producerBlock, 0, shared, 0, producerBlock.size)
        moved.frames += frames
    }

    /** Baseline consumer: the same bytes copied out of the shared array. */
    @Benchmark
    @Group("arraycopy")
    @GroupThreads(1)
    fun copyOut(moved: Moved) {
        System.arraycopy(shared, 0, consumerBlock, 0, consumerBlock.size)
        moved.frames += frames
    }
}
