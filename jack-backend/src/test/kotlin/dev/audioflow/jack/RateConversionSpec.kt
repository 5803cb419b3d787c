package dev.audioflow.jack

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.RateConversion
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

/**
 * Opt-in rate conversion (issue 15) on the backend whose rate is fixed: a 48 kHz JACK server
 * refuses a 44.1 kHz stream, and with [RateConversion] the stream opens at 48 kHz and converts,
 * saying so in its StreamInfo with the resampler's delay in the latency.
 */
@EnabledIf(JackInstalled::class)
class RateConversionSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }
    val format = AudioFormat(44_100, 2)
    val config = StreamConfig(format, BlockSize.Fixed(256), settings = listOf(RateConversion()))

    test("an input at 44.1 kHz from a 48 kHz server is captured at 48 kHz and converted, stated in its StreamInfo") {
        val device = JackBackend(server.name).deviceList.value.single()
        val monitor = StreamMonitor()
        val blocks = device.input(config, monitor).take(200).toList()
        blocks.forEach { it.format shouldBe format }
        val converted = blocks.sumOf { it.frames.toLong() }
        blocks.last().endFrameIndex shouldBe converted
        val captured = monitor.stats.value.framesIn
        withClue("converted $converted frames from $captured captured") {
            (converted.toDouble() / captured) shouldBe (44_100.0 / 48_000 plusOrMinus 0.02)
        }
        val info = monitor.info.value!!
        info.sampleRate shouldBe 48_000.0
        info.description shouldContain "converted 44100 Hz ↔ 48000 Hz"
        withClue("the input latency includes the resampler's delay") { (info.inputLatency > info.outputLatency) shouldBe true }
    }

    test("an output at 44.1 kHz plays on a 48 kHz server, converted") {
        val device = JackBackend(server.name).deviceList.value.single()
        val monitor = StreamMonitor()
        val blocks = (0 until 172).map { b -> FloatBlock(format, FloatArray(512) { i -> 0.25f * kotlin.math.sin((b * 256 + i / 2) * 0.06).toFloat() }, b * 256L) }
        blocks.asFlow().playOn(device, config, monitor)
        val played = monitor.stats.value.framesOut
        withClue("played $played frames at 48 kHz for ${172 * 256} at 44.1 kHz") {
            (played.toDouble() / (172 * 256)) shouldBe (48_000.0 / 44_100 plusOrMinus 0.02)
        }
        monitor.info.value!!.description shouldContain "converted 44100 Hz ↔ 48000 Hz"
    }
})
