package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.input
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

/** A case of the end-to-end status test: an operator and where it puts an input frame. */
private class Through(val name: String, val operator: (Flow<FloatBlock>) -> Flow<FloatBlock>, val position: (Long) -> Long) {
    override fun toString(): String = name
}

class StatusSpec : FunSpec({
    context("onStatus and statusEvents see exactly the flagged blocks") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val flagged = setOf(0, 2, 3)
            val input = testFlow(3_000, format, blockFrames, flagged = flagged)
            val seen = mutableListOf<Long>()
            val passed = input.onStatus { seen += it.frameIndex }.collectBlocking()
            val expected = flagged.filter { it * blockFrames < 3_000 }.map { it.toLong() * blockFrames }
            seen shouldBe expected
            passed.size shouldBe (3_000 + blockFrames - 1) / blockFrames
            val events = input.statusEvents().collectBlocking()
            events.map { it.frameIndex } shouldBe expected
            events.forAll { it.status shouldBe BlockStatus.of(inputOverflow = true, droppedFrames = 5) }
        }
    }

    test("failOnOverflow fails with the frame index and the dropped count") {
        val format = AudioFormat(48_000, 1)
        val e = shouldThrow<AudioException> { testFlow(1_000, format, 100, flagged = setOf(4)).failOnOverflow().collectBlocking() }
        e.kind shouldBe AudioErrorKind.BackendError
        e.message shouldContain "frame 400"
        e.message shouldContain "5 frames dropped"
        testFlow(1_000, format, 100).failOnOverflow().collectBlocking().size shouldBe 10
    }

    val throughCases = listOf(
        Through("reblock", { it.reblock(100) }, { it }),
        Through("mapChannels", { it.mapChannels(ChannelMap.builder().inputs(1, 0).silence().build()) }, { it }),
        Through("mix", { mix(it, silence(AudioFormat(48_000, 2), 100).takeFrames(96_000 * 2)) }, { it }),
        Through("resample", { it.resample(44_100) }, { (it * 44_100 + 47_999) / 48_000 }),
    )
    context("a stalled consumer's input overflow reaches the output block containing the flagged block's first frame") {
        withData(nameFn = { it.name }, throughCases) { through ->
            runTest {
                val backend = VirtualBackend(Pacing.CoroutineTime)
                val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
                val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(256), ringFrames = 1_024)
                val flaggedInputs = mutableListOf<FloatBlock>()
                val out = mutableListOf<FloatBlock>()
                through.operator(mic.input(config).takeFrames(96_000 * 2).onEach { if (!it.status.isClear) flaggedInputs += it })
                    .collect { block ->
                        out += block
                        if (out.size == 20) delay(2_000)
                    }
                flaggedInputs.shouldNotBeEmpty()
                for (flagged in flaggedInputs) {
                    val carrier = out.blockAt(through.position(flagged.frameIndex))
                    carrier.status.inputOverflow shouldBe true
                    carrier.status.droppedFrames shouldBe flagged.status.droppedFrames
                }
                out.sumOf { it.status.droppedFrames } shouldBe flaggedInputs.sumOf { it.status.droppedFrames }
                out.shouldBeContiguous()
            }
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("failOnOverflow on a stalled device stream fails and closes the stream") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 1, source = VirtualSource.sine(440.0))
            val config = StreamConfig(AudioFormat(48_000, 1), blockSize = BlockSize.Fixed(256), ringFrames = 512)
            val e = shouldThrow<AudioException> {
                mic.input(config).failOnOverflow().onEach { if (it.frameIndex == 2_560L) delay(50) }.toList()
            }
            e.kind shouldBe AudioErrorKind.BackendError
        }
        StreamDiagnostics.openStreams shouldBe 0
    }
})
