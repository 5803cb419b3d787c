package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

class MixSpec : FunSpec({
    context("mix sums aligned frames whatever the block sizes") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val a = testFlow(2_000, format, blockFrames)
            val b = testFlow(2_000, format, 97)
            val out = mix(a withGain 1f, b withGain 0.5f).collectBlocking()
            val x = testSamples(2_000, channels)
            samplesOf(out) shouldBe FloatArray(x.size) { x[it] + x[it] * 0.5f }
            out.shouldBeContiguous()
        }
    }

    test("property: a signal mixed with its negation is silence") {
        checkAll(50, Arb.int(1..300), Arb.int(1..300), Arb.int(1..6), Arb.long()) { blockA, blockB, channels, seed ->
            val format = AudioFormat(44_100, channels)
            val samples = randomSamples(1 + (seed and 0x7FF).toInt(), channels, seed)
            val out = mix(randomBlocks(samples, format, blockA, seed), randomBlocks(samples, format, blockB, seed + 1).gain(-1f))
                .collectBlocking()
            samplesOf(out) shouldBe FloatArray(samples.size)
            out.shouldBeContiguous()
        }
    }

    test("a flow that ends early stops contributing; the mix ends with the longest") {
        val format = AudioFormat(48_000, 2)
        val out = testFlow(1_000, format, 64).mixWith(testFlow(300, format, 100)).collectBlocking()
        val x = testSamples(1_000, 2)
        val expected = FloatArray(x.size) { if (it < 600) 2 * x[it] else x[it] }
        samplesOf(out) shouldBe expected
        out.shouldBeContiguous()
    }

    test("mixWith adds the other input scaled by its own gain, this one at unity") {
        val format = AudioFormat(48_000, 2)
        val out = testFlow(500, format, 64).mixWith(testFlow(500, format, 33) withGain -0.25f).collectBlocking()
        val x = testSamples(500, 2)
        samplesOf(out) shouldBe FloatArray(x.size) { x[it] + x[it] * -0.25f }
        out.shouldBeContiguous()
    }

    test("mix of a list of inputs scales each by its own gain") {
        val format = AudioFormat(48_000, 1)
        val gains = listOf(0.5f, -1f, 0f, 2f)
        val out = mix(gains.map { testFlow(300, format, 40) withGain it }).collectBlocking()
        val x = testSamples(300, 1)
        samplesOf(out) shouldBe FloatArray(x.size) { i -> gains.fold(0f) { sum, g -> sum + x[i] * g } }
    }

    test("a flow that starts later contributes silence until its first frameIndex") {
        val format = AudioFormat(48_000, 1)
        val out = mix(testFlow(100, format, 10), testFlow(50, format, 7, startIndex = 30)).collectBlocking()
        val x = testSamples(100, 1)
        val late = testSamples(50, 1, 30)
        samplesOf(out) shouldBe FloatArray(100) { if (it in 30 until 80) x[it] + late[it - 30] else x[it] }
    }

    test("status of every input block reaches the output block containing its first frame") {
        val format = AudioFormat(48_000, 2)
        val overflow = BlockStatus.of(inputOverflow = true, droppedFrames = 3)
        val underflow = BlockStatus.of(inputUnderflow = true)
        val a = testFlow(1_000, format, 256, flagged = setOf(2), status = overflow)
        val b = testFlow(1_000, format, 30, flagged = setOf(5), status = underflow)
        val out = mix(a, b).collectBlocking()
        out.blockAt(512).status.inputOverflow shouldBe true
        out.blockAt(150).status.inputUnderflow shouldBe true
        out.sumOf { it.status.droppedFrames } shouldBe 3L
        out.count { !it.status.isClear } shouldBe (if (out.blockAt(512) === out.blockAt(150)) 1 else 2)
    }

    test("the status an input ends with reaches the next output block, not the end of the mix") {
        val format = AudioFormat(48_000, 1)
        val overflow = BlockStatus.of(inputOverflow = true, droppedFrames = 7)
        val short = flow {
            emit(FloatBlock(format, FloatArray(100), 0))
            emit(FloatBlock(format, FloatArray(0), 100, status = overflow))
        }
        val out = mix(short, testFlow(10_000, format, 50)).collectBlocking()
        val flagged = out.filter { !it.status.isClear }
        flagged.size shouldBe 1
        flagged.single().status.droppedFrames shouldBe 7L
        flagged.single().frameIndex shouldBeIn 100L..200L
    }

    test("mismatched formats are rejected on collection, naming the input and both formats") {
        val mono = testFlow(10, AudioFormat(48_000, 1), 5)
        val stereo = testFlow(10, AudioFormat(48_000, 2), 5)
        val e = shouldThrow<AudioException> { mix(mono withGain 1f, stereo withGain 0.5f).collectBlocking() }
        e.kind shouldBe AudioErrorKind.InvalidArgument
        e.message shouldBe "mix input #1 has format 48000 Hz × 2 ch, the first input has 48000 Hz × 1 ch"
    }

    test("a mix of nothing is rejected at call time") {
        val noInputs = shouldThrow<AudioException> { mix(emptyList<MixInput>()) }
        noInputs.kind shouldBe AudioErrorKind.InvalidArgument
        noInputs.message shouldBe "mix needs at least one input, had none"
        val noFlows = shouldThrow<AudioException> { mix(emptyList<Flow<FloatBlock>>()) }
        noFlows.kind shouldBe AudioErrorKind.InvalidArgument
        noFlows.message shouldBe "mix needs at least one flow, had none"
    }

    test("an exception in one input fails the mix") {
        val format = AudioFormat(48_000, 1)
        val failing = flow<dev.audioflow.FloatBlock> { throw IllegalStateException("input broke") }
        shouldThrow<IllegalStateException> { mix(testFlow(10_000, format, 10), failing).collectBlocking() }.message shouldBe "input broke"
    }
})
