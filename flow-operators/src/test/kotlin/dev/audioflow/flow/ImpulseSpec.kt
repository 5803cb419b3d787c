package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ImpulseSpec : FunSpec({
    context("impulse clicks once every interval") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val clicks = samplesOf(impulse(format, intervalFrames = 300, blockFrames = blockFrames).takeFrames(1_000).collectBlocking())
            (0 until 1_000).filter { clicks[it * channels] != 0f } shouldBe listOf(0, 300, 600, 900)
            clicks.count { it != 0f } shouldBe 4 * channels
        }
    }

    test("a negative interval is named") {
        shouldThrow<AudioException> { impulse(AudioFormat(48_000, 1), intervalFrames = -1) }.message shouldContain "-1"
    }
})
