package dev.audioflow

import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class BadInputSpec : FunSpec({
    fun invalid(valueInMessage: String, block: () -> Unit) {
        val e = shouldThrow<AudioException> { block() }
        e.kind shouldBe AudioErrorKind.InvalidArgument
        e.message shouldContain valueInMessage
    }

    context("formats with a bad rate or channel count name the value") {
        withData(
            mapOf(
                "rate 0" to { AudioFormat(0, 2) } to "0",
                "negative rate" to { AudioFormat(-44_100, 2) } to "-44100",
                "absurd rate" to { AudioFormat(50_000_000, 2) } to "50000000",
                "zero channels" to { AudioFormat(48_000, 0) } to "was 0",
                "negative channels" to { AudioFormat(48_000, -2) } to "-2",
            ).entries.associate { (k, v) -> k.first to (k.second to v) },
        ) { (make, value) -> invalid(value) { make() } }
    }

    test("zero, negative or huge block sizes, bad ring sizes and output channel counts name the value") {
        val format = AudioFormat(48_000, 2)
        invalid("was 0") { BlockSize.Fixed(0) }
        invalid("-1") { BlockSize.Fixed(-1) }
        invalid("2000000") { BlockSize.Fixed(2_000_000) }
        invalid("ringFrames (64)") { StreamConfig(format, BlockSize.Fixed(256), ringFrames = 64) }
        invalid("ringFrames") { StreamConfig(format, ringFrames = 0) }
        invalid("outputChannels") { StreamConfig(format, outputChannels = 0) }
    }

    test("latencies outside 0..10 s and unparsable ones name the value") {
        invalid("fast") { Latency.parse("fast") }
        invalid("-500ms") { Latency.Explicit((-0.5).seconds) }
        invalid("11s") { Latency.parse("11") }
        Latency.parse("0.02") shouldBe Latency.Explicit(20.milliseconds)
        Latency.parse("20ms") shouldBe Latency.Explicit(20.milliseconds)
        Latency.parse(" LOW ") shouldBe Latency.Low
    }

    test("null ring and output sizes resolve to the automatic choices") {
        val config = StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(128))
        config.effectiveRingFrames shouldBe 4800
        config.effectiveOutputChannels shouldBe 2
        StreamConfig(AudioFormat(8_000, 1), BlockSize.Variable).effectiveRingFrames shouldBe 2048
        config.copy(outputChannels = 6).effectiveOutputChannels shouldBe 6
    }

    test("unknown device ids are reported with the id asked for") {
        val backend = VirtualBackend(Pacing.CoroutineTime)
        backend.addInput("Built-in Microphone")
        val e = shouldThrow<AudioException> { backend.findDevice("42") }
        e.kind shouldBe AudioErrorKind.DeviceNotFound
        e.message shouldContain "'42'"
        backend.findDevice("micro").name shouldBe "Built-in Microphone"
    }

    test("more channels than the device has, or the wrong direction, fail before anything opens") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 2)
            val speaker = backend.addOutput("speaker", 2)
            invalid("has 2 input channels, 8 requested") { kotlinx.coroutines.runBlocking { mic.input(StreamConfig(AudioFormat(48_000, 8))).collect() } }
            invalid("has no input channels") { kotlinx.coroutines.runBlocking { speaker.input(StreamConfig(AudioFormat(48_000, 2))).collect() } }
            invalid("has no output channels") { kotlinx.coroutines.runBlocking { mic.duplex(StreamConfig(AudioFormat(48_000, 2))) { it } } }
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("a block whose format differs from the output stream's is rejected and the stream closed") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val speaker = backend.addOutput("speaker", 2)
            val e = shouldThrow<AudioException> {
                flowOf(FloatBlock(AudioFormat(48_000, 1), FloatArray(10))).playOn(speaker, StreamConfig(AudioFormat(48_000, 2)))
            }
            e.message shouldContain "1 channels"
            StreamDiagnostics.openStreams shouldBe 0
        }
    }
})
