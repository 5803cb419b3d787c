package dev.audioflow.spi.jna

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.SampleFormat
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.testing.Allocations
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class JnaBufferAccessSpec : FunSpec({
    test("floats and bytes go to and from native memory at the given offsets") {
        val memory = Memory(64)
        val address = Pointer.nativeValue(memory)
        val access = JnaBufferAccess()
        access.writeFloats(address, 8, floatArrayOf(9f, 1f, 2f, 9f), 1, 2)
        memory.getFloat(8) shouldBe 1f
        memory.getFloat(12) shouldBe 2f
        val floats = FloatArray(3)
        access.readFloats(address, 8, floats, 1, 2)
        floats.toList() shouldBe listOf(0f, 1f, 2f)
        access.writeBytes(address, 32, byteArrayOf(7, 8, 9), 0, 3)
        val bytes = ByteArray(3)
        access.readBytes(address, 32, bytes, 0, 3)
        bytes.toList() shouldBe listOf<Byte>(7, 8, 9)
    }

    test("the array fallback over JNA moves int16 interleaved frames and float32 port buffers through the rings without allocating") {
        val endpoint = RealtimeEndpoint::class.java.getDeclaredConstructor(Int::class.java, Int::class.java, Int::class.java, Int::class.java)
            .newInstance(2, 2, 1024, 48_000)
        val frames = 64
        val input = Memory(frames * 2L * 2)
        for (i in 0 until frames * 2) input.setShort(i * 2L, (i * 100).toShort())
        val interleaved = ArrayFallback(endpoint, JnaBufferAccess(), 16, 48_000, SampleFormat.INT16)
        interleaved.processInterleaved(Pointer.nativeValue(input), 0, frames, 0, 0)
        val captured = FloatArray(frames * 2)
        endpoint.inputRing!!.read(captured, 0, frames) shouldBe frames
        captured.toList() shouldBe SampleFormat.INT16.decode(input.getByteArray(0, frames * 2 * 2)).toList()
        captured[1] shouldBe 100 / 32768f

        val ports = List(2) { Memory(frames * 4L) }
        val addresses = LongArray(2) { Pointer.nativeValue(ports[it]) }
        endpoint.outputRing!!.write(captured, 0, frames)
        val planar = ArrayFallback(endpoint, JnaBufferAccess(), 16, 48_000)
        planar.processPlanar(null, addresses, frames, 0, 0)
        (0 until frames).map { ports[0].getFloat(it * 4L) } shouldBe (0 until frames).map { captured[2 * it] }
        (0 until frames).map { ports[1].getFloat(it * 4L) } shouldBe (0 until frames).map { captured[2 * it + 1] }

        fun cycles(n: Int) = repeat(n) {
            interleaved.processInterleaved(Pointer.nativeValue(input), 0, frames, 0, 0)
            planar.processPlanar(addresses, addresses, frames, 0, 0)
        }
        cycles(20_000)
        Allocations.assertSteadyStateAllocationFree { cycles(50_000) }
        endpoint.cycles shouldBe (2 + 2 * (20_000 + 5 * 50_000)) * (frames / 16).toLong()
    }
})
