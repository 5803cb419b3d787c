@file:JvmName("NativeCopyContracts")

package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.FloatRing
import dev.audioflow.spi.NativeCopy
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StatusFlags
import io.kotest.core.factory.TestFactory
import io.kotest.core.spec.style.funSpec
import io.kotest.datatest.withData
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.list
import io.kotest.property.checkAll

/**
 * The specs every [NativeCopy] must pass, as a Kotest factory to `include` in a spec: those of
 * [nativeBufferAccessContract], then [FloatRing]'s native copies with it (in order across
 * wrap-around, interleaved and per channel), zero filling, and [RealtimeEndpoint.processNative]
 * and [RealtimeEndpoint.processPlanar] over it, each without allocating in steady state. [name]
 * prefixes each test.
 *
 * ```
 * class SegmentCopySpec : FunSpec({ include(nativeCopyContract("MemorySegment", SegmentCopy)) })
 * ```
 */
@OptIn(DelicateAudioApi::class)
public fun nativeCopyContract(name: String, copy: NativeCopy): TestFactory = funSpec {
    include(nativeBufferAccessContract(name, copy))

    // Each twice: as the rings copy unprepared, and through the copy's view once prepareNativeCopy made it.
    for (prepared in listOf(false, true)) {
        val how = if (prepared) " (prepared view)" else ""
        context("$name: ring copies survive wrap-around in order, like array copies$how") {
            withData(1, 3, 255, 256, 257) { block ->
                checkAll(30, Arb.list(Arb.int(0..3), 10..60)) { pattern ->
                    val channels = 2
                    val ring = FloatRing(512, channels)
                    if (prepared) ring.prepareNativeCopy(copy)
                    var written = 0L
                    var read = 0L
                    NativeFloats(block * channels).use { src ->
                        NativeFloats(block * channels).use { dst ->
                            for (step in pattern) {
                                if (step < 2) {
                                    for (f in 0 until block) for (c in 0 until channels) src[f * channels + c] = (written + f) * 10f + c
                                    written += ring.writeFromAddress(src.address, block, copy)
                                } else {
                                    val n = ring.readToAddress(dst.address, block, copy)
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

        test("$name: ring copies interoperate with array copies and allocate nothing$how") {
            val ring = FloatRing(256, 2)
            if (prepared) ring.prepareNativeCopy(copy)
            val block = FloatArray(2 * 100) { it.toFloat() }
            NativeFloats(2 * 100).use { native ->
                ring.write(block, 0, 100)
                ring.readToAddress(native.address, 100, copy) shouldBe 100
                (0 until 200).map { native[it] } shouldBe block.toList()
                ring.writeFromAddress(native.address, 100, copy) shouldBe 100
                val back = FloatArray(200)
                ring.read(back, 0, 100) shouldBe 100
                back.toList() shouldBe block.toList()
                ring.readToAddress(native.address, 100, copy) shouldBe 0
                fun exercise(times: Int) = repeat(times) {
                    repeat(3) { ring.writeFromAddress(native.address, 100, copy) }
                    repeat(3) { ring.readToAddress(native.address, 100, copy) }
                }
                exercise(20_000)
                Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
            }
        }
    }
    test("$name: per-channel ring copies interleave and de-interleave across wrap-around") {
        val channels = 3
        val ring = FloatRing(64, channels)
        val buffers = List(channels) { NativeFloats(50) }
        try {
            val addresses = LongArray(channels) { buffers[it].address }
            var written = 0
            var read = 0
            repeat(20) {
                for (c in 0 until channels) for (f in 0 until 50) buffers[c][f] = (written + f) * 10f + c
                written += ring.writeFromAddresses(addresses, 50, copy)
                val back = FloatArray(40 * channels)
                val got = ring.read(back, 0, 40)
                for (f in 0 until got) for (c in 0 until channels) back[f * channels + c] shouldBe (read + f) * 10f + c
                read += got
            }
            ring.write(FloatArray(30 * channels) { i -> (i / channels) * 10f + i % channels }, 0, 30)
            ring.read(FloatArray((ring.availableFrames() - 30) * channels), 0, ring.availableFrames() - 30)
            ring.readToAddresses(addresses, 50, copy) shouldBe 30
            for (c in 0 until channels) (0 until 30).map { buffers[c][it] } shouldBe (0 until 30).map { it * 10f + c }
            fun exercise(times: Int) = repeat(times) {
                ring.writeFromAddresses(addresses, 50, copy)
                ring.readToAddresses(addresses, 50, copy)
            }
            exercise(20_000)
            Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
        } finally {
            buffers.forEach { it.close() }
        }
    }

    test("$name: zeroFloats clears exactly the floats asked for") {
        NativeFloats(3000).use { memory ->
            for (i in 0 until 3000) memory[i] = 1f
            copy.zeroFloats(memory.address + 4, 2998)
            memory[0] shouldBe 1f
            (1 until 2999).all { memory[it] == 0f } shouldBe true
            memory[2999] shouldBe 1f
        }
    }

    test("$name: processNative moves frames between native buffers and the rings, fills silence, counts like process, allocates nothing") {
        val endpoint = TestEndpoints.create(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        NativeFloats(2 * 256).use { input ->
            NativeFloats(2 * 256).use { output ->
                for (i in 0 until 512) input[i] = i.toFloat()
                endpoint.processNative(input.address, output.address, 256, 0, 0, copy)
                val captured = FloatArray(512)
                endpoint.inputRing!!.read(captured, 0, 256) shouldBe 256
                captured.toList() shouldBe (0 until 512).map { it.toFloat() }
                endpoint.outputRing!!.write(captured, 0, 100)
                TestEndpoints.armOutput(endpoint)
                for (i in 0 until 512) output[i] = -1f
                endpoint.processNative(0, output.address, 256, 0, 0, copy)
                (0 until 512).map { output[it] } shouldBe (0 until 200).map { it.toFloat() } + List(312) { 0f }
                endpoint.framesRendered shouldBe 100L
                endpoint.silencedFrames shouldBe 156L
                endpoint.outputUnderflowCycles shouldBe 1L
                endpoint.cycles shouldBe 2L
                fun cycles(n: Int) = repeat(n) { i ->
                    endpoint.processNative(input.address, output.address, 256, if (i % 7 == 0) StatusFlags.INPUT_UNDERFLOW else 0, i * 5_333_333L, copy)
                    if (i % 3 == 0) endpoint.reportAsync(StatusFlags.XRUN)
                }
                cycles(20_000)
                Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
                endpoint.droppedFrames shouldBeGreaterThan 0L
            }
        }
    }

    test("$name: processPlanar moves frames between per-channel buffers and the rings, fills silence, allocates nothing") {
        val endpoint = TestEndpoints.create(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val buffers = List(4) { NativeFloats(64) }
        try {
            val inputs = longArrayOf(buffers[0].address, buffers[1].address)
            val outputs = longArrayOf(buffers[2].address, buffers[3].address)
            for (f in 0 until 64) {
                buffers[0][f] = f.toFloat()
                buffers[1][f] = -f.toFloat()
            }
            endpoint.processPlanar(inputs, null, 64, 0, 0, copy)
            val captured = FloatArray(128)
            endpoint.inputRing!!.read(captured, 0, 64) shouldBe 64
            captured.toList() shouldBe (0 until 64).flatMap { listOf(it.toFloat(), -it.toFloat()) }
            endpoint.outputRing!!.write(captured, 0, 40)
            TestEndpoints.armOutput(endpoint)
            endpoint.processPlanar(null, outputs, 64, 0, 0, copy)
            (0 until 64).map { buffers[2][it] } shouldBe (0 until 40).map { it.toFloat() } + List(24) { 0f }
            (0 until 64).map { buffers[3][it] } shouldBe (0 until 40).map { -it.toFloat() } + List(24) { 0f }
            endpoint.silencedFrames shouldBe 24L
            endpoint.deviceFrames shouldBe 128L
            endpoint.cycles shouldBe 2L
            endpoint.lastCycleNanos shouldBeGreaterThan 0L
            fun cycles(n: Int) = repeat(n) { endpoint.processPlanar(inputs, outputs, 64, 0, 0, copy) }
            cycles(20_000)
            Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
        } finally {
            buffers.forEach { it.close() }
        }
    }
}
