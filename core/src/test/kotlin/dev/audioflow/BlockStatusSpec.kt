package dev.audioflow

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs

class BlockStatusSpec : FunSpec({
    test("the all-clear status is one shared instance") {
        BlockStatus.of(0, 0) shouldBeSameInstanceAs BlockStatus.CLEAR
        (BlockStatus.CLEAR or BlockStatus.CLEAR) shouldBeSameInstanceAs BlockStatus.CLEAR
    }

    test("or combines flags and adds dropped frames, returning an operand when the other is clear") {
        val overflow = BlockStatus.of(BlockStatus.INPUT_OVERFLOW, 10)
        val underflow = BlockStatus.of(BlockStatus.OUTPUT_UNDERFLOW, 5)
        (overflow or BlockStatus.CLEAR) shouldBeSameInstanceAs overflow
        (BlockStatus.CLEAR or underflow) shouldBeSameInstanceAs underflow
        val both = overflow or underflow
        both.inputOverflow.shouldBeTrue()
        both.outputUnderflow.shouldBeTrue()
        both.droppedFrames shouldBe 15
        both.toString() shouldContain "inputOverflow|outputUnderflow"
    }

    test("unknown bits and negative counts are rejected") {
        shouldThrow<AudioException> { BlockStatus.of(1 shl 10) }.message shouldContain "1024"
        shouldThrow<AudioException> { BlockStatus.of(0, -1) }.message shouldContain "-1"
    }
})
