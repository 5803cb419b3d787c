package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.flowOf
import kotlin.math.abs

class ClipSpec : FunSpec({
    context("clip limits every sample to the limit and leaves the others alone") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(1_500, format, blockFrames, flagged = setOf(1))
            val expected = testSamples(1_500, channels)
            samplesOf(input.gain(4f).clip(1f).collectBlocking()).asList().forAll { it shouldBeIn -1f..1f }
            samplesOf(input.gain(4f).clip(1f).collectBlocking()).count { it == 1f || it == -1f } shouldBe
                expected.count { abs(it * 4f) >= 1f }
        }
    }

    test("NaN becomes silence") {
        samplesOf(flowOf(dev.audioflow.FloatBlock(AudioFormat(48_000, 1), floatArrayOf(Float.NaN, 0.25f))).clip().collectBlocking()) shouldBe floatArrayOf(0f, 0.25f)
    }

    test("a limit that is not above zero is named") {
        shouldThrow<AudioException> { flowOf<dev.audioflow.FloatBlock>().clip(0f) }.message shouldContain "0.0"
    }
})
