package dev.audioflow.spi.jna

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.testing.Allocations
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class PointerViewSpec : FunSpec({
    test("a view re-pointed at another buffer reads and writes that buffer, and re-pointing allocates nothing") {
        val first = Memory(16).apply { clear(); setDouble(0, 1.5) }
        val second = Memory(16).apply { clear(); setDouble(0, -2.25) }
        val a = Pointer.nativeValue(first)
        val b = Pointer.nativeValue(second)
        val view = PointerView()
        view.at(a).getDouble(0) shouldBe 1.5
        view.at(b).getDouble(0) shouldBe -2.25
        view.at(a).setInt(8, 42)
        first.getInt(8) shouldBe 42
        second.getInt(8) shouldBe 0
        var sum = 0.0
        fun repoint(times: Int) = repeat(times) { sum += view.at(if (it % 2 == 0) a else b).getDouble(0) }
        repoint(20_000)
        Allocations.assertSteadyStateAllocationFree { repoint(100_000) }
        sum shouldBe (20_000 + 5 * 100_000) / 2 * (1.5 - 2.25)
    }
})
