package dev.audioflow.spi

import io.kotest.core.spec.style.FunSpec
import org.jetbrains.lincheck.datastructures.IntGen
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions
import org.jetbrains.lincheck.datastructures.Operation
import org.jetbrains.lincheck.datastructures.Param
import org.jetbrains.lincheck.datastructures.StressOptions

/**
 * Linearizability of [FloatRing] as a single-producer/single-consumer queue: the producer
 * operations share one non-parallel group and the consumer operations another, which is exactly
 * the SPSC contract. The ring starts three frames before its wrap point, so every scenario
 * crosses it.
 *
 * The ring is sized so the producer never finds it full: a partial write that races with a read
 * may see the consumer's space a moment late and report less room than there is. That is safe
 * (nothing is lost or reordered; `FloatRingSpec` covers full rings) but, by design, not atomic,
 * so it has no linearizable count to check.
 */
@Param(name = "frames", gen = IntGen::class, conf = "1:3")
class FloatRingLincheckTest : FunSpec({
    test("model checking finds no non-linearizable interleaving") {
        ModelCheckingOptions()
            .iterations(60)
            .invocationsPerIteration(400)
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(0)
            .actorsAfter(0)
            .check(RingUnderTest::class)
    }

    test("stress testing finds no non-linearizable execution") {
        StressOptions()
            .iterations(40)
            .invocationsPerIteration(2_000)
            .threads(2)
            .actorsPerThread(4)
            .actorsBefore(0)
            .actorsAfter(0)
            .check(RingUnderTest::class)
    }
})

@Param(name = "frames", gen = IntGen::class, conf = "1:3")
class RingUnderTest {
    private val ring = FloatRing(16, 2).apply {
        write(FloatArray(26), 0, 13)
        read(FloatArray(26), 0, 13)
    }
    private var nextValue = 0f
    private val src = FloatArray(8)
    private val dst = FloatArray(8)

    @Operation(nonParallelGroup = "producer")
    fun write(@Param(name = "frames") frames: Int): Int {
        for (i in 0 until frames * 2) src[i] = nextValue + i
        val n = ring.write(src, 0, frames)
        nextValue += n * 2
        return n
    }

    @Operation(nonParallelGroup = "consumer")
    fun read(@Param(name = "frames") frames: Int): List<Float> {
        val n = ring.read(dst, 0, frames)
        // A plain loop, not FloatArray.toList(): Lincheck instruments every class an operation
        // calls, lazily, inside the invocation; the stdlib's ArraysKt facade is so large that on
        // a loaded machine instrumenting it outlasted Lincheck's invocation timeout, reported as
        // a hung execution.
        val values = ArrayList<Float>(n * 2)
        for (i in 0 until n * 2) values.add(dst[i])
        return values
    }

    @Operation(nonParallelGroup = "consumer")
    fun available(): Int = ring.availableFrames()
}
