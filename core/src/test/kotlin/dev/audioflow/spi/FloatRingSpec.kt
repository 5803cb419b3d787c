package dev.audioflow.spi

import dev.audioflow.AudioException

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.list
import io.kotest.property.checkAll
import dev.audioflow.testing.Allocations
import kotlin.concurrent.thread

class FloatRingSpec : FunSpec({
    test("capacity is rounded up to a power of two") {
        FloatRing(1, 1).capacityFrames shouldBe 1
        FloatRing(256, 2).capacityFrames shouldBe 256
        FloatRing(257, 2).capacityFrames shouldBe 512
        FloatRing(1000, 6).capacityFrames shouldBe 1024
    }

    test("bad capacities and channel counts name the value") {
        shouldThrow<AudioException> { FloatRing(0, 2) }.message shouldContain "was 0"
        shouldThrow<AudioException> { FloatRing(64, 0) }.message shouldContain "was 0"
    }

    context("frames survive wrap-around in order, for odd block sizes") {
        withData(1, 3, 255, 256, 257) { block ->
            checkAll(30, Arb.list(Arb.int(0..3), 10..60)) { pattern ->
                val channels = 2
                val ring = FloatRing(512, channels)
                var written = 0L
                var read = 0L
                val src = FloatArray(block * channels)
                val dst = FloatArray(block * channels)
                for (step in pattern) {
                    if (step < 2) {
                        for (f in 0 until block) for (c in 0 until channels) src[f * channels + c] = (written + f) * 10f + c
                        written += ring.write(src, 0, block)
                    } else {
                        val n = ring.read(dst, 0, block)
                        for (f in 0 until n) for (c in 0 until channels) dst[f * channels + c] shouldBe (read + f) * 10f + c
                        read += n
                    }
                    ring.availableFrames() shouldBe (written - read).toInt()
                }
                ring.totalWritten shouldBe written
                ring.totalRead shouldBe read
            }
        }
    }

    test("a full ring takes what fits and an empty one gives what it has, leaving the rest alone") {
        val ring = FloatRing(8, 1)
        ring.write(FloatArray(5) { it.toFloat() }, 0, 5) shouldBe 5
        ring.write(FloatArray(5) { 5f + it }, 0, 5) shouldBe 3
        ring.write(FloatArray(4), 0, 4) shouldBe 0
        ring.freeFrames() shouldBe 0
        val dst = FloatArray(10) { -1f }
        ring.read(dst, 0, 10) shouldBe 8
        dst.toList() shouldBe (0 until 8).map { it.toFloat() } + listOf(-1f, -1f)
        ring.read(dst, 0, 1) shouldBe 0
        ring.totalWritten shouldBe 8L
        ring.totalRead shouldBe 8L
    }

    test("a producer thread and a consumer thread move a million frames intact") {
        val ring = FloatRing(1024, 2)
        val total = 1_000_000
        val producer = thread(name = "ring-producer") {
            val block = FloatArray(2 * 300)
            var next = 0
            while (next < total) {
                val n = minOf(300, total - next)
                for (f in 0 until n) { block[2 * f] = (next + f).toFloat(); block[2 * f + 1] = -(next + f).toFloat() }
                var done = 0
                while (done < n) done += ring.write(block, done, n - done)
                next += n
            }
        }
        val dst = FloatArray(2 * 257)
        var expected = 0
        var mismatches = 0
        while (expected < total) {
            val n = ring.read(dst, 0, 257)
            for (f in 0 until n) {
                if (dst[2 * f] != (expected + f).toFloat() || dst[2 * f + 1] != -(expected + f).toFloat()) mismatches++
            }
            expected += n
            if (n == 0) Thread.onSpinWait()
        }
        producer.join()
        mismatches shouldBe 0
        ring.totalRead shouldBe total.toLong()
    }

    test("write and read, on full and empty rings too, allocate nothing over 100k operations") {
        val ring = FloatRing(256, 2)
        val block = FloatArray(2 * 100)
        var partialWrites = 0L
        var partialReads = 0L
        fun exercise(times: Int) {
            repeat(times) {
                repeat(3) { if (ring.write(block, 0, 100) < 100) partialWrites++ }
                repeat(3) { if (ring.read(block, 0, 100) < 100) partialReads++ }
                ring.freeFrames()
                ring.availableFrames()
            }
        }
        exercise(20_000)
        Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
        partialWrites shouldBeGreaterThan 0L
        partialReads shouldBeGreaterThan 0L
        ring.totalWritten shouldBe ring.totalRead + ring.availableFrames()
    }
})
