package dev.audioflow.flow

import dev.audioflow.AudioFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe

class SilenceSpec : FunSpec({
    context("silence is all zeros") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            samplesOf(silence(format, blockFrames).takeFrames(1_000).collectBlocking()) shouldBe FloatArray(1_000 * channels)
        }
    }
})
