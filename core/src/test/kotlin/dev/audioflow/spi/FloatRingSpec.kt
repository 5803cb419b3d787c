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
import dev.audioflow.testing.NativeFloats
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

    context("native copies survive wrap-around in order, like array copies") {
        withData(1, 3, 255, 256, 257) { block ->
            checkAll(30, Arb.list(Arb.int(0..3), 10..60)) { pattern ->
                val channels = 2
                val ring = FloatRing(512, channels)
                var written = 0L
                var read = 0L
                NativeFloats(block * channels).use { src ->
                    NativeFloats(block * channels).use { dst ->
                        for (step in pattern) {
                            if (step < 2) {
                                for (f in 0 until block) for (c in 0 until channels) src[f * channels + c] = (written + f) * 10f + c
                                written += ring.writeFromAddress(src.address, block)
                            } else {
                                val n = ring.readToAddress(dst.address, block)
                                for (f in 0 until n) for (c in 0 until channels) dst[f * channels + c] shouldBe (read + f) * 10f + c
                                read += n
                            }
                            ring.availableFrames() shouldBe (written - read).toInt()
                        }
                    }
                }
                ring.totalWritten shouldBe written
                ring.totalRead shouldBe read
            }
        }
    }

    test("native copies interoperate with array copies and allocate nothing") {
        val ring = FloatRing(256, 2)
        val block = FloatArray(2 * 100) { it.toFloat() }
        NativeFloats(2 * 100).use { native ->
            ring.write(block, 0, 100)
            ring.readToAddress(native.address, 100) shouldBe 100
            (0 until 200).map { native[it] } shouldBe block.toList()
            ring.writeFromAddress(native.address, 100) shouldBe 100
            val back = FloatArray(200)
            ring.read(back, 0, 100) shouldBe 100
            back.toList() shouldBe block.toList()
            ring.readToAddress(native.address, 100) shouldBe 0
            fun exercise(times: Int) = repeat(times) {
                ring.writeFromAddress(native.address, 100)
                ring.writeFromAddress(native.address, 100)
                ring.writeFromAddress(native.address, 100)
                ring.readToAddress(native.address, 100)
                ring.readToAddress(native.address, 100)
                ring.readToAddress(native.address, 100)
            }
            exercise(20_000)
            Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
        }
    }

    test("per-channel native copies interleave and de-interleave across wrap-around") {
        val channels = 3
        val ring = FloatRing(64, channels)
        val buffers = List(channels) { NativeFloats(50) }
        try {
            val addresses = LongArray(channels) { buffers[it].address }
            var written = 0
            var read = 0
            repeat(20) {
                for (c in 0 until channels) for (f in 0 until 50) buffers[c][f] = (written + f) * 10f + c
                val n = ring.writeFromAddresses(addresses, 50)
                written += n
                val back = FloatArray(40 * channels)
                val got = ring.read(back, 0, 40)
                for (f in 0 until got) for (c in 0 until channels) back[f * channels + c] shouldBe (read + f) * 10f + c
                read += got
            }
            ring.write(FloatArray(30 * channels) { i -> (i / channels) * 10f + i % channels }, 0, 30)
            ring.read(FloatArray((ring.availableFrames() - 30) * channels), 0, ring.availableFrames() - 30)
            ring.readToAddresses(addresses, 50) shouldBe 30
            for (c in 0 until channels) (0 until 30).map { buffers[c][it] } shouldBe (0 until 30).map { it * 10f + c }
            fun exercise(times: Int) = repeat(times) {
                ring.writeFromAddresses(addresses, 50)
                ring.readToAddresses(addresses, 50)
            }
            exercise(20_000)
            Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
        } finally {
            buffers.forEach { it.close() }
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
