package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.inspectors.forAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

class ShareSpec : FunSpec({
    val dir = tempdir()

    context("tee hands the very same blocks to the side consumer, in order") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val side = mutableListOf<FloatBlock>()
            val main = testFlow(2_000, format, blockFrames).tee { it.collect { b -> side += b } }.collectBlocking()
            side.size shouldBe main.size
            side.zip(main).forAll { (shared, original) -> shared shouldBeSameInstanceAs original }
            samplesOf(main) shouldBe testSamples(2_000, channels)
        }
    }

    test("a side consumer that returns early does not stall the main flow") {
        var first: FloatBlock? = null
        val main = testFlow(10_000, AudioFormat(48_000, 1), 10).tee(capacity = 0) { first = it.first() }.collectBlocking()
        main.size shouldBe 1_000
        first!!.frameIndex shouldBe 0L
    }

    test("a failing side consumer fails the pipeline") {
        val e = shouldThrow<IllegalStateException> {
            testFlow(10_000, AudioFormat(48_000, 1), 10).tee { it.collect { b -> check(b.frameIndex < 500) { "side failed" } } }.collectBlocking()
        }
        e.message shouldBe "side failed"
    }

    test("fanOut delivers every block to every consumer") {
        runTest {
            val counts = IntArray(3)
            testFlow(5_000, AudioFormat(48_000, 2), 100).fanOut(
                { it.collect { b -> counts[0] += b.frames } },
                { it.collect { b -> counts[1] += b.frames } },
                { it.collect { b -> counts[2] += b.frames } },
            )
            counts.toList() shouldBe listOf(5_000, 5_000, 5_000)
            shouldThrow<AudioException> { testFlow(1, AudioFormat(48_000, 1), 1).fanOut() }.message shouldContain "none"
        }
    }

    test("one device input feeds a WAV recorder and an output at once") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val source = testSamples(24_000, 2)
            val mic = backend.addInput("mic", 2, source = VirtualSource.samples(source))
            val sink = CapturingSink()
            val speaker = backend.addOutput("speaker", 2, sink = sink)
            val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(256))
            val path = dir.toPath().resolve("tee.wav")
            mic.input(config).tee { it.writeWav(path) }.playOn(speaker, config)
            sink.captured() shouldBe source
            samplesOf(wavFile(path).toList()) shouldBe source
        }
    }

    test("copyBlocks gives fresh arrays with the same content") {
        val input = testFlow(100, AudioFormat(48_000, 2), 10).collectBlocking()
        val copies = input.asFlowOfBlocks().copyBlocks().collectBlocking()
        copies.zip(input).forAll { (copy, original) ->
            copy.samples shouldNotBeSameInstanceAs original.samples
            copy.samples shouldBe original.samples
        }
    }
})
