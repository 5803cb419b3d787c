package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.milliseconds

class PlayRecordSpec : FunSpec({
    context("play sends every sample to the device, in virtual time") {
        withData(SHAPES) { (blockFrames, channels) ->
            runTest {
                val backend = VirtualBackend(Pacing.CoroutineTime)
                val sink = CapturingSink()
                val speaker = backend.addOutput("speaker", channels, sink = sink)
                val x = testSamples(4_800, channels)
                play(x, AudioFormat(48_000, channels), speaker, blockFrames)
                sink.captured() shouldBe x
                io.kotest.assertions.withClue("virtual time ${testScheduler.currentTime} ms") { testScheduler.currentTime shouldBeIn (4_800L - blockFrames) * 1_000 / 48_000 - 1..120L }
            }
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    context("record returns exactly the frames asked for") {
        withData(SHAPES) { (blockFrames, channels) ->
            runTest {
                val backend = VirtualBackend(Pacing.CoroutineTime)
                val source = testSamples(10_000, channels)
                val mic = backend.addInput("mic", channels, source = VirtualSource.samples(source))
                val format = AudioFormat(48_000, channels)
                record(4_321, format, mic, blockFrames) shouldBe source.copyOf(4_321 * channels)
                record(100.milliseconds, format, mic, blockFrames) shouldBe source.copyOf(4_800 * channels)
            }
        }
    }

    test("playRecord plays and records in one stream with aligned starts") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val input = testSamples(20_000, 1)
            val sink = CapturingSink()
            val device = backend.addDevice("interface", 1, 2, 48_000, VirtualSource.samples(input), sink)
            val played = testSamples(5_000, 2, start = 77)
            val format = AudioFormat(48_000, 2)
            val recorded = playRecord(played, format, inputChannels = 1, device = device, blockFrames = 128)
            val lead = duplexPrefillFrames(StreamConfig(AudioFormat(48_000, 1), BlockSize.Fixed(128), outputChannels = 2))
            recorded shouldBe input.copyOfRange(lead, lead + 5_000)
            val output = sink.captured()
            output.copyOfRange(lead * 2, (lead + 5_000) * 2) shouldBe played
            withClue("the first sound in the $lead frames of start-up silence") { output.copyOf(lead * 2).indexOfFirst { it != 0f } shouldBe -1 }
        }
    }

    test("cancelling a recording closes the device") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 1)
            val job = launch { record(48_000L * 60, AudioFormat(48_000, 1), mic) }
            testScheduler.advanceTimeBy(500)
            StreamDiagnostics.openStreams shouldBe 1
            job.cancel()
            job.join()
        }
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("bad arguments are rejected with the value named") {
        val backend = VirtualBackend(Pacing.CoroutineTime)
        val mic = backend.addInput("mic", 1)
        val speaker = backend.addOutput("speaker", 1)
        runTest {
            shouldThrow<AudioException> { record(-5, AudioFormat(48_000, 1), mic) }.message shouldContain "-5"
            shouldThrow<AudioException> { play(FloatArray(3), AudioFormat(48_000, 2), speaker) }.message shouldContain "3"
            val e = shouldThrow<AudioException> { play(FloatArray(4), AudioFormat(48_000, 2), speaker) }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldContain "2 requested"
            shouldThrow<AudioException> { playRecord(FloatArray(2), AudioFormat(48_000, 1), 0, mic) }.message shouldContain "inputChannels"
        }
    }
})
