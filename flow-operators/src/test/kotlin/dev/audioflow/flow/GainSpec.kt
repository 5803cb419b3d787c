package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.floats.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlin.math.abs
import kotlin.time.Duration.Companion.milliseconds

class GainSpec : FunSpec({
    context("gain scales every sample and keeps frames, positions and statuses") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(1_500, format, blockFrames, flagged = setOf(1))
            val expected = testSamples(1_500, channels)
            val halved = input.gain(0.5f).collectBlocking()
            samplesOf(halved) shouldBe FloatArray(expected.size) { expected[it] * 0.5f }
            halved.shouldBeContiguous()
            halved.count { it.status.inputOverflow } shouldBe (if (1_500 > blockFrames) 1 else 0)
        }
    }

    test("property: gain(1f) is the identity") {
        checkAll(50, Arb.int(1..400), Arb.int(1..6), Arb.long()) { maxBlock, channels, seed ->
            val format = AudioFormat(48_000, channels)
            val samples = randomSamples(1 + (seed and 0x3FF).toInt(), channels, seed)
            val out = randomBlocks(samples, format, maxBlock, seed).gain(1f).collectBlocking()
            samplesOf(out) shouldBe samples
            out.shouldBeContiguous()
        }
    }

    test("gain follows a StateFlow with a click-free linear ramp") {
        val format = AudioFormat(48_000, 2)
        val volume = MutableStateFlow(1f)
        val ones = FloatArray(48_000 * 2) { 1f }
        val out = ones.asAudioFlow(format, 480)
            .onEach { if (it.frameIndex == 4_800L) volume.value = 0f }
            .gain(volume, ramp = 10.milliseconds)
            .collectBlocking()
        val left = samplesOf(out).filterIndexed { i, _ -> i % 2 == 0 }
        left[4_799] shouldBe 1f
        left[4_800 + 480] shouldBe 0f
        left[4_800 + 239].shouldBeNear(0.5f, 0.01f)
        var largestStep = 0f
        for (i in 1 until left.size) largestStep = maxOf(largestStep, abs(left[i] - left[i - 1]))
        largestStep shouldBeLessThan 1f / 480 + 1e-6f
    }

    test("gain follows a plain Flow collected concurrently") {
        runTest {
            val format = AudioFormat(1_000, 1)
            val out = FloatArray(1_000) { 1f }.asAudioFlow(format, 100)
                .gain(flowOf(0.25f), initial = 1f, ramp = 1.milliseconds)
                .toList()
            samplesOf(out).last() shouldBe 0.25f
        }
    }

    test("bad gain factors are named") {
        val flow = flowOf<dev.audioflow.FloatBlock>()
        shouldThrow<AudioException> { flow.gain(Float.NaN) }.message shouldContain "NaN"
        val nan = MutableStateFlow(Float.NaN)
        shouldThrow<AudioException> { testFlow(10, AudioFormat(48_000, 1), 5).gain(nan).collectBlocking() }.message shouldContain "NaN"
    }
})
