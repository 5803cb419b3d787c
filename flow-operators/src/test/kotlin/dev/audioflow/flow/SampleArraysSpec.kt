package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.runBlocking

class SampleArraysSpec : FunSpec({
    context("asAudioFlow cuts an array into contiguous blocks") {
        withData(SHAPES) { (blockFrames, channels) ->
            val x = testSamples(1_234, channels)
            val blocks = x.asAudioFlow(AudioFormat(48_000, channels), blockFrames).collectBlocking()
            samplesOf(blocks) shouldBe x
            blocks.shouldBeContiguous()
            blocks.dropLast(1).forAll { it.frames shouldBe blockFrames }
        }
    }

    context("toSamples collects blocks back into the array they came from") {
        withData(SHAPES) { (blockFrames, channels) ->
            val x = testSamples(1_234, channels)
            runBlocking { x.asAudioFlow(AudioFormat(48_000, channels), blockFrames).toSamples() } shouldBe x
        }
    }

    test("an array that is not whole frames, and blocks that change channel count, are refused naming the numbers") {
        shouldThrow<AudioException> { FloatArray(3).asAudioFlow(AudioFormat(48_000, 2)) }.message shouldContain "3"
        val mixed = kotlinx.coroutines.flow.flowOf(
            dev.audioflow.FloatBlock(AudioFormat(48_000, 1), FloatArray(4)),
            dev.audioflow.FloatBlock(AudioFormat(48_000, 2), FloatArray(4), 4),
        )
        shouldThrow<AudioException> { runBlocking { mixed.toSamples() } }.message shouldContain "2 channels"
    }
})
