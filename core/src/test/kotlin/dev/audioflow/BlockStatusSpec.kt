package dev.audioflow

import dev.audioflow.spi.StatusFlags
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs

class BlockStatusSpec : FunSpec({
    test("the all-clear status is one shared instance") {
        BlockStatus.of() shouldBeSameInstanceAs BlockStatus.CLEAR
        BlockStatus.ofFlags(0, 0) shouldBeSameInstanceAs BlockStatus.CLEAR
        (BlockStatus.CLEAR or BlockStatus.CLEAR) shouldBeSameInstanceAs BlockStatus.CLEAR
    }

    test("or combines flags and adds dropped frames, returning an operand when the other is clear") {
        val overflow = BlockStatus.of(inputOverflow = true, droppedFrames = 10)
        val underflow = BlockStatus.of(outputUnderflow = true, droppedFrames = 5)
        (overflow or BlockStatus.CLEAR) shouldBeSameInstanceAs overflow
        (BlockStatus.CLEAR or underflow) shouldBeSameInstanceAs underflow
        val both = overflow or underflow
        both.inputOverflow.shouldBeTrue()
        both.outputUnderflow.shouldBeTrue()
        both.droppedFrames shouldBe 15
        both.toString() shouldContain "inputOverflow|outputUnderflow"
    }

    test("each property reads its own glitch and nothing else") {
        val statuses = mapOf(
            "inputOverflow" to BlockStatus.of(inputOverflow = true),
            "inputUnderflow" to BlockStatus.of(inputUnderflow = true),
            "outputUnderflow" to BlockStatus.of(outputUnderflow = true),
            "outputOverflow" to BlockStatus.of(outputOverflow = true),
            "primingOutput" to BlockStatus.of(primingOutput = true),
            "xrun" to BlockStatus.of(xrun = true),
        )
        for ((name, status) in statuses) {
            val set = listOf(
                "inputOverflow" to status.inputOverflow, "inputUnderflow" to status.inputUnderflow,
                "outputUnderflow" to status.outputUnderflow, "outputOverflow" to status.outputOverflow,
                "primingOutput" to status.primingOutput, "xrun" to status.xrun,
            ).filter { it.second }.map { it.first }
            set shouldBe listOf(name)
            status.toString() shouldBe "BlockStatus($name)"
        }
    }

    test("unknown native bits are ignored and negative counts rejected") {
        BlockStatus.ofFlags(1 shl 10) shouldBeSameInstanceAs BlockStatus.CLEAR
        BlockStatus.ofFlags(StatusFlags.XRUN or (1 shl 10)) shouldBe BlockStatus.of(xrun = true)
        shouldThrow<AudioException> { BlockStatus.of(droppedFrames = -1) }.message shouldContain "-1"
    }
})
