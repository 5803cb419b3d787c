package dev.audioflow.flow

import dev.audioflow.AudioFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe

class MapSamplesSpec : FunSpec({
    context("mapSamples applies the function to every sample and keeps frames, positions and statuses") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(1_500, format, blockFrames, flagged = setOf(1))
            val expected = testSamples(1_500, channels)
            val mapped = input.mapSamples { -it }.collectBlocking()
            samplesOf(mapped) shouldBe FloatArray(expected.size) { -expected[it] }
            mapped.shouldBeContiguous()
            mapped.count { it.status.inputOverflow } shouldBe (if (1_500 > blockFrames) 1 else 0)
        }
    }
})
