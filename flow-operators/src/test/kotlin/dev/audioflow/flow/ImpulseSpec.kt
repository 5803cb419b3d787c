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

    test("without an interval there is one impulse, at frame 0") {
        val samples = samplesOf(impulse(AudioFormat(48_000, 1), blockFrames = 64).takeFrames(1_000).collectBlocking())
        samples.withIndex().filter { it.value != 0f }.map { it.index } shouldBe listOf(0)
    }

    test("an interval below one frame is named") {
        shouldThrow<AudioException> { impulse(AudioFormat(48_000, 1), intervalFrames = -1) }.message shouldContain "-1"
        shouldThrow<AudioException> { impulse(AudioFormat(48_000, 1), intervalFrames = 0) }.message shouldContain "was 0"
    }
})
