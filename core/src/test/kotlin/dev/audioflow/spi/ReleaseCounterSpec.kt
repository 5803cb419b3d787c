package dev.audioflow.spi

import dev.audioflow.testing.Allocations
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.concurrent.thread

class ReleaseCounterSpec : FunSpec({
    test("increment, add and set publish the new value") {
        val counter = ReleaseCounter()
        counter.value shouldBe 0L
        counter.increment()
        counter.add(41)
        counter.value shouldBe 42L
        counter.set(-7)
        counter.value shouldBe -7L
    }

    test("a reader thread sees the writer's values in order, never going back, and the last one at the end") {
        val counter = ReleaseCounter()
        val total = 1_000_000L
        var backwards = 0
        val reader = thread(name = "counter-reader") {
            var last = 0L
            while (last < total) {
                val now = counter.value
                if (now < last) backwards++
                last = now
            }
        }
        repeat(total.toInt()) { counter.increment() }
        reader.join(10_000)
        reader.isAlive shouldBe false
        backwards shouldBe 0
        counter.value shouldBe total
    }

    test("updates allocate nothing") {
        val counter = ReleaseCounter()
        fun updates(n: Int) = repeat(n) {
            counter.increment()
            counter.add(2)
            counter.set(counter.value - 1)
        }
        updates(20_000)
        Allocations.assertSteadyStateAllocationFree { updates(100_000) }
        counter.value shouldBe 2L * (20_000 + 5 * 100_000)
    }
})
