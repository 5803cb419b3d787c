package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.milliseconds

class FailWhenSilentSpec : FunSpec({
    val format = AudioFormat(1_000, 2)

    /** Blocks of [blockFrames] frames from [samples] (interleaved, 2 channels), contiguous from frame 0. */
    fun blocksOf(samples: FloatArray, blockFrames: Int): Flow<FloatBlock> = flow {
        var frame = 0
        val frames = samples.size / 2
        while (frame < frames) {
            val n = minOf(blockFrames, frames - frame)
            emit(FloatBlock(format, samples.copyOfRange(frame * 2, (frame + n) * 2), frame.toLong()))
            frame += n
        }
    }

    /** Collects [flow], returning what arrived and how it ended. */
    fun outcome(flow: Flow<FloatBlock>): Pair<List<FloatBlock>, Throwable?> = runBlocking {
        val seen = ArrayList<FloatBlock>()
        var failure: Throwable? = null
        flow.catch { failure = it }.toList(seen)
        seen to failure
    }

    /** 2-channel samples: signal everywhere except frames in [silent], where both channels are 0 (or [floor]). */
    fun signal(frames: Int, silent: IntRange, floor: Float = 0f): FloatArray =
        FloatArray(frames * 2) { i -> if (i / 2 in silent) floor else testSample((i / 2).toLong(), i % 2) + 0.75f }

    context("a silent stretch shorter than the limit passes, every block unchanged") {
        withData(1, 7, 64, 500) { blockFrames ->
            val samples = signal(3_000, 1_000 until 1_499)
            val (seen, failure) = outcome(blocksOf(samples, blockFrames).failWhenSilent(500.milliseconds))
            failure shouldBe null
            samplesOf(seen) shouldBe samples
        }
    }

    context("silence as long as the limit ends the flow after the block that completes it; the blocks before it all arrive") {
        withData(1, 7, 64, 500) { blockFrames ->
            val samples = signal(3_000, 1_000 until 3_000)
            val (seen, failure) = outcome(blocksOf(samples, blockFrames).failWhenSilent(500.milliseconds))
            failure.shouldBeInstanceOf<AudioException>()
            failure.kind shouldBe AudioErrorKind.StreamInvalidated
            failure.message shouldContain "from frame 1000"
            // The stretch reaches 500 frames at frame 1,499: the flow ends with the block holding it.
            val last = seen.last()
            (1_499L in last.frameIndex until last.frameIndex + last.frames) shouldBe true
            samplesOf(seen) shouldBe samples.copyOfRange(0, (last.frameIndex + last.frames).toInt() * 2)
            failure.message shouldContain "${last.frameIndex + last.frames - 1_000} frames"
        }
    }

    test("a signal on one channel only is signal") {
        val samples = FloatArray(2_000 * 2) { i -> if (i % 2 == 1 && i / 2 % 3 == 0) 0.5f else 0f }
        outcome(blocksOf(samples, 64).failWhenSilent(100.milliseconds)).second shouldBe null
    }

    test("a floor at or below the threshold counts as silence; above it, as signal") {
        val samples = signal(2_000, 500 until 2_000, floor = 1e-4f)
        outcome(blocksOf(samples, 64).failWhenSilent(500.milliseconds)).second shouldBe null
        outcome(blocksOf(samples, 64).failWhenSilent(500.milliseconds, threshold = 1e-4f)).second.shouldBeInstanceOf<AudioException>()
            .message shouldContain "1.0E-4"
    }

    test("frames lost between blocks count as no signal") {
        val loud = FloatArray(200) { 0.5f }
        val quiet = FloatArray(200)
        val blocks = flowOf(
            FloatBlock(format, loud, 0),
            FloatBlock(format, quiet, 100), // 100 silent frames
            FloatBlock(format, quiet, 500), // after a gap of 300 frames: silent since frame 100
        )
        val (seen, failure) = outcome(blocks.failWhenSilent(450.milliseconds))
        seen.size shouldBe 3
        failure.shouldBeInstanceOf<AudioException>().message shouldContain "500 frames from frame 100"
    }

    test("NaN is not silence") {
        val samples = FloatArray(1_700 * 2) { i -> if (i == 1_500) Float.NaN else 0f }
        val (seen, failure) = outcome(blocksOf(samples, 100).failWhenSilent(1_000.milliseconds))
        // Silent for frames 0-749 and 751-1699 (the NaN at frame 750 between them): never 1000 in a row.
        failure shouldBe null
        seen.size shouldBe 17
        outcome(blocksOf(samples, 100).failWhenSilent(700.milliseconds)).second.shouldBeInstanceOf<AudioException>()
            .message shouldContain "from frame 0"
    }

    test("the java.time form watches the same way") {
        val samples = signal(2_000, 100 until 2_000)
        outcome(blocksOf(samples, 50).failWhenSilent(java.time.Duration.ofMillis(300))).second.shouldBeInstanceOf<AudioException>()
            .message shouldContain "from frame 100"
    }

    test("no block for the limit plus one block's duration is a stall: it ends the flow on the collector's clock and cancels the upstream") {
        runTest {
            var upstreamEnded = false
            val loud = FloatArray(200) { 0.5f } // 100 frames: 100 ms at 1 kHz
            val stalling = flow {
                try {
                    delay(5_000) // a slow start is not a stall
                    emit(FloatBlock(format, loud, 0))
                    delay(550) // within 500 ms + 100 ms
                    emit(FloatBlock(format, loud, 100))
                    awaitCancellation()
                } finally {
                    upstreamEnded = true
                }
            }
            val seen = ArrayList<FloatBlock>()
            val failure = runCatching { stalling.failWhenSilent(500.milliseconds).toList(seen) }.exceptionOrNull()
            failure.shouldBeInstanceOf<AudioException>()
            failure.kind shouldBe AudioErrorKind.StreamInvalidated
            failure.message shouldContain "no block arrived for 600ms after frame 200"
            testScheduler.currentTime shouldBe 5_000L + 550 + 600
            seen.size shouldBe 2
            upstreamEnded shouldBe true
        }
    }

    test("an upstream's own failure passes through unchanged") {
        val boom = java.io.IOException("disk gone")
        val failing = flow<FloatBlock> {
            emit(FloatBlock(format, FloatArray(20) { 0.5f }, 0))
            throw boom
        }
        outcome(failing.failWhenSilent(500.milliseconds)).second shouldBe boom
    }

    test("a limit that is not above zero, or a threshold that is negative or not finite, is named") {
        shouldThrow<AudioException> { flowOf<FloatBlock>().failWhenSilent(0.milliseconds) }.message shouldContain "0s"
        shouldThrow<AudioException> { flowOf<FloatBlock>().failWhenSilent((-5).milliseconds) }.message shouldContain "-5ms"
        shouldThrow<AudioException> { flowOf<FloatBlock>().failWhenSilent(10.milliseconds, -1f) }.message shouldContain "-1.0"
        shouldThrow<AudioException> { flowOf<FloatBlock>().failWhenSilent(10.milliseconds, Float.NaN) }.also {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "NaN"
        }
    }
})
