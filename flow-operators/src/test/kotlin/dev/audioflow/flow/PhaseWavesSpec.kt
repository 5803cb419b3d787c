package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.floats.shouldBeGreaterThanOrEqual
import io.kotest.matchers.floats.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class PhaseWavesSpec : FunSpec({
    context("square and saw have the right values and periods") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val sq = samplesOf(square(100.0, format, 0.5f, blockFrames).takeFrames(48_000).collectBlocking())
            sq.toSet() shouldBe setOf(0.5f, -0.5f)
            zeroCrossings(sq, channels) shouldBe 199
            sq[239 * channels] shouldBe 0.5f
            sq[240 * channels] shouldBe -0.5f
            val sw = samplesOf(saw(50.0, format, 1f, blockFrames).takeFrames(48_000).collectBlocking())
            sw[0] shouldBe -1f
            sw[480 * channels].shouldBeNear(0f, 1e-6f)
            sw.asList().forAll {
                it shouldBeGreaterThanOrEqual -1f
                it shouldBeLessThan 1f
            }
        }
    }

    test("a bad block size is named") {
        shouldThrow<AudioException> { square(440.0, AudioFormat(48_000, 1), blockFrames = 0) }.message shouldContain "blockFrames"
    }
})
