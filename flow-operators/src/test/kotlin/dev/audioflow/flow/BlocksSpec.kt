package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

class BlocksSpec : FunSpec({
    context("reblock keeps every sample, frameIndex and status") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val frames = 2_500
            val input = testFlow(frames, format, blockFrames, startIndex = 100, flagged = setOf(0, 2))
            for (target in listOf(1, 7, 256, 4096)) {
                val out = input.reblock(target).collectBlocking()
                samplesOf(out) shouldBe testSamples(frames, channels, 100)
                out.shouldBeContiguous(100)
                out.dropLast(1).all { it.frames == target } shouldBe true
                out.last().frames shouldBe (frames - 1) % target + 1
                out.blockAt(100).status.inputOverflow shouldBe true
                out.blockAt(100L + 2 * blockFrames).status.inputOverflow shouldBe true
                out.sumOf { it.status.droppedFrames } shouldBe 10L
            }
        }
    }

    test("property: reblock preserves every sample and frameIndex for any block sizes") {
        checkAll(60, Arb.int(1..300), Arb.int(1..4), Arb.int(1..700), Arb.long()) { maxBlock, channels, target, seed ->
            val format = AudioFormat(44_100, channels)
            val samples = randomSamples(1 + (seed and 0x7FF).toInt(), channels, seed)
            val out = randomBlocks(samples, format, maxBlock, seed).reblock(target).collectBlocking()
            samplesOf(out) shouldBe samples
            out.shouldBeContiguous()
            out.dropLast(1).all { it.frames == target } shouldBe true
        }
    }

    test("reblock passes a status on a zero-frame block to the next block, or to a final empty block") {
        val format = AudioFormat(48_000, 1)
        val flagged = BlockStatus.of(inputUnderflow = true)
        val mid = flowOf(
            FloatBlock(format, FloatArray(4), 0),
            FloatBlock(format, FloatArray(0), 4, status = flagged),
            FloatBlock(format, FloatArray(4), 4),
        ).reblock(2).collectBlocking()
        mid.map { it.status.inputUnderflow } shouldBe listOf(false, false, true, false)
        val partial = flowOf(FloatBlock(format, FloatArray(3), 0), FloatBlock(format, FloatArray(0), 3, status = flagged))
            .reblock(2).collectBlocking()
        partial.map { it.frames } shouldBe listOf(2, 1)
        partial.last().status shouldBe flagged
        val end = flowOf(FloatBlock(format, FloatArray(4), 0), FloatBlock(format, FloatArray(0), 4, status = flagged))
            .reblock(2).collectBlocking()
        end.map { it.frames } shouldBe listOf(2, 2, 0)
        end.last().frameIndex shouldBe 4L
        end.last().status shouldBe flagged
    }

    test("reblock rejects bad sizes and format changes") {
        shouldThrow<AudioException> { flowOf<FloatBlock>().reblock(0) }.message shouldContain "0"
        val mixed = flowOf(FloatBlock(AudioFormat(48_000, 1), FloatArray(2)), FloatBlock(AudioFormat(48_000, 2), FloatArray(2), 2))
        val e = shouldThrow<AudioException> { mixed.reblock(4).collectBlocking() }
        e.kind shouldBe AudioErrorKind.InvalidArgument
        e.message shouldContain "48000 Hz × 2 ch"
    }

    context("takeFrames and skipFrames cut at exact frames") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(2_000, format, blockFrames, flagged = setOf(0))
            val taken = input.takeFrames(777).collectBlocking()
            samplesOf(taken) shouldBe testSamples(777, channels)
            taken.shouldBeContiguous()
            val skipped = input.skipFrames(777).collectBlocking()
            samplesOf(skipped) shouldBe testSamples(2_000 - 777, channels, 777)
            skipped.shouldBeContiguous(0)
            skipped.first().status.inputOverflow shouldBe true
            testFlow(2_000, format, blockFrames).skipFrames(5_000).collectBlocking() shouldBe emptyList()
            // Skipping past the end drops the audio, never the statuses of the skipped blocks.
            val past = input.skipFrames(5_000).collectBlocking()
            samplesOf(past).size shouldBe 0
            past.single().status.inputOverflow shouldBe true
        }
    }

    test("takeDuration and skipDuration round to the nearest frame") {
        val format = AudioFormat(48_000, 2)
        val taken = testFlow(48_000, format, 256).takeDuration(10.milliseconds).collectBlocking()
        samplesOf(taken) shouldBe testSamples(480, 2)
        val skipped = testFlow(48_000, format, 256).skipDuration(990.milliseconds).collectBlocking()
        samplesOf(skipped) shouldBe testSamples(480, 2, 47_520)
        skipped.shouldBeContiguous(0)
        samplesOf(testFlow(100, AudioFormat(44_100, 1), 7).takeDuration(0.5.milliseconds).collectBlocking()).size shouldBe 22
    }

    test("bad counts and durations are rejected at call time, naming the value") {
        val flow = testFlow(1, AudioFormat(48_000, 2), 1)
        val cases = mapOf(
            "takeBlocks count must be >= 0, was -1" to { flow.takeBlocks(-1) },
            "skipBlocks count must be >= 0, was -2" to { flow.skipBlocks(-2) },
            "takeFrames frames must be >= 0, was -1" to { flow.takeFrames(-1) },
            "skipFrames frames must be >= 0, was -3" to { flow.skipFrames(-3) },
            "takeDuration duration must be finite and >= 0, was -1ms" to { flow.takeDuration((-1).milliseconds) },
            "skipDuration duration must be finite and >= 0, was Infinity" to { flow.skipDuration(Duration.INFINITE) },
        )
        for ((message, call) in cases) {
            val e = shouldThrow<AudioException> { call() }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldBe message
        }
    }

    context("takeBlocks counts blocks whatever their size") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val taken = testFlow(2_000, format, blockFrames).takeBlocks(3).collectBlocking()
            taken.map { it.frames } shouldBe (0 until 2_000 step blockFrames).take(3).map { minOf(blockFrames, 2_000 - it) }
            samplesOf(taken) shouldBe testSamples(minOf(3 * blockFrames, 2_000), channels)
            taken.shouldBeContiguous()
        }
    }

    test("takeBlocks(0) completes without collecting the upstream") {
        val opened = flow<FloatBlock> { throw AudioException(AudioErrorKind.DeviceBusy, "must not be opened") }
        opened.takeBlocks(0).collectBlocking() shouldBe emptyList()
    }

    context("skipBlocks drops whole blocks, renumbers from 0 and keeps the dropped statuses") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(2_000, format, blockFrames, startIndex = 500, flagged = setOf(1))
            val droppedFrames = minOf(3 * blockFrames, 2_000)
            repeat(2) { // each collection counts afresh
                val skipped = input.skipBlocks(3).collectBlocking()
                samplesOf(skipped) shouldBe testSamples(2_000 - droppedFrames, channels, 500L + droppedFrames)
                skipped.shouldBeContiguous(0)
                skipped.first().status.inputOverflow shouldBe true
            }
        }
    }

    test("skipBlocks counts zero-frame blocks and passes on the statuses of a stream that ends inside the skip") {
        val format = AudioFormat(48_000, 1)
        val underflow = BlockStatus.of(inputUnderflow = true)
        val input = flowOf(
            FloatBlock(format, FloatArray(4) { 1f }, 0),
            FloatBlock(format, FloatArray(0), 4, status = underflow),
            FloatBlock(format, FloatArray(2) { 3f }, 4),
        )
        val out = input.skipBlocks(2).collectBlocking()
        out.map { it.frameIndex } shouldBe listOf(0L)
        samplesOf(out) shouldBe floatArrayOf(3f, 3f)
        out.single().status shouldBe underflow
        val past = input.skipBlocks(5).collectBlocking()
        past.map { it.frames } shouldBe listOf(0)
        past.single().status shouldBe underflow
    }
})
