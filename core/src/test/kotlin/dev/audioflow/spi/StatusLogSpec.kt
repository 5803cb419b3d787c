package dev.audioflow.spi

import dev.audioflow.testing.Allocations
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import kotlin.concurrent.thread

class StatusLogSpec : FunSpec({
    test("records come out in order with their four fields, and an empty log says so") {
        val log = StatusLog(8)
        log.peekPosition() shouldBe Long.MAX_VALUE
        log.offer(0, 1, 0, 100) shouldBe true
        log.offer(256, 2, 16, 200) shouldBe true
        log.peekPosition() shouldBe 0L
        log.peekFlags() shouldBe 1
        log.peekTime() shouldBe 100L
        log.pop()
        log.peekPosition() shouldBe 256L
        log.peekFlags() shouldBe 2
        log.peekDropped() shouldBe 16L
        log.peekTime() shouldBe 200L
        log.pop()
        log.peekPosition() shouldBe Long.MAX_VALUE
    }

    context("a full log refuses a record instead of overwriting one, and takes records again once read") {
        withData(2, 5, 64, 100) { capacity ->
            val log = StatusLog(capacity)
            var accepted = 0
            while (log.offer(accepted.toLong(), 0, 0, 0)) accepted++
            accepted shouldBeGreaterThanOrEqual capacity
            log.peekPosition() shouldBe 0L
            log.pop()
            log.offer(accepted.toLong(), 0, 0, 0) shouldBe true
            log.offer(accepted + 1L, 0, 0, 0) shouldBe false
        }
    }

    test("a producer thread and a consumer thread pass 200k records intact across wrap-around") {
        val log = StatusLog(64)
        val total = 200_000L
        val producer = thread(name = "status-producer") {
            var next = 0L
            while (next < total) if (log.offer(next, (next % 7).toInt(), next * 2, next * 3)) next++ else Thread.onSpinWait()
        }
        var expected = 0L
        var mismatches = 0
        while (expected < total) {
            val position = log.peekPosition()
            if (position == Long.MAX_VALUE) {
                Thread.onSpinWait()
                continue
            }
            if (position != expected || log.peekFlags() != (expected % 7).toInt() || log.peekDropped() != expected * 2 || log.peekTime() != expected * 3) mismatches++
            log.pop()
            expected++
        }
        producer.join()
        mismatches shouldBe 0
    }

    test("offer, peek and pop allocate nothing") {
        val log = StatusLog(64)
        var sum = 0L
        fun exercise(n: Int) = repeat(n) {
            log.offer(it.toLong(), 1, 2, 3)
            log.offer(it.toLong(), 1, 2, 3)
            sum += log.peekPosition() + log.peekDropped()
            log.pop()
            log.pop()
        }
        exercise(20_000)
        Allocations.assertSteadyStateAllocationFree { exercise(100_000) }
        log.peekPosition() shouldBe Long.MAX_VALUE
        sum shouldBe (0 until 20_000).sumOf { it + 2L } + 5 * (0 until 100_000).sumOf { it + 2L }
    }
})
