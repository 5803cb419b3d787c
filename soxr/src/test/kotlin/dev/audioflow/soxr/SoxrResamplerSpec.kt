package dev.audioflow.soxr

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.flow.PolyphaseResamplerProvider
import dev.audioflow.flow.resample
import dev.audioflow.flow.sine
import dev.audioflow.flow.takeFrames
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resamplers
import dev.audioflow.spi.jna.JnaLibrary
import dev.audioflow.testing.ToneFit
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlin.math.abs

private val RATES = listOf(44_100 to 48_000, 48_000 to 44_100, 48_000 to 16_000, 16_000 to 48_000, 44_100 to 44_101)

class SoxrResamplerSpec : FunSpec({
    val soxr = SoxrResamplerProvider()

    test("libsoxr is found, registered and preferred over the polyphase resampler") {
        soxr.isAvailable shouldBe true
        soxr.version!! shouldStartWith "libsoxr-0.1"
        Resamplers.all().map { it.name } shouldBe listOf("soxr", "polyphase")
        Resamplers.best().name shouldBe "soxr"
    }

    context("the Resampler contract: exact length and no delay") {
        withData(nameFn = { (from, to) -> "$from -> $to" }, RATES) { (from, to) ->
            for (quality in ResampleQuality.entries) {
                val frames = 10_007
                val impulseAt = 3_001
                val x = FloatArray(frames * 2).also { it[impulseAt * 2] = 1f; it[impulseAt * 2 + 1] = -1f }
                val out = soxr.create(from, to, 2, quality).use { r ->
                    var o = FloatArray(0)
                    var i = 0
                    while (i < frames) {
                        val n = minOf(1_000, frames - i)
                        o += r.process(x.copyOfRange(i * 2, (i + n) * 2), n)
                        i += n
                    }
                    o + r.finish()
                }
                out.size / 2 shouldBe Resamplers.outputFrames(frames.toLong(), from, to).toInt()
                val peak = (0 until out.size / 2).maxBy { out[it * 2] }
                val expected = (impulseAt.toLong() * to / from).toInt()
                if (quality != ResampleQuality.QUICK || to > from) peak shouldBeInRange expected - 1..expected + 1
                val right = (0 until out.size / 2).minBy { out[it * 2 + 1] }
                right shouldBe peak
            }
        }
    }

    test("resample() through libsoxr lines up with the polyphase resampler frame for frame") {
        val format = AudioFormat(44_100, 1)
        val source = sine(1_000.0, format, 0.5f, blockFrames = 300).takeFrames(44_100)
        fun run(provider: dev.audioflow.spi.ResamplerProvider) = runBlocking { source.resample(48_000, ResampleQuality.HIGH, provider).toList() }
        val a = run(soxr)
        val b = run(PolyphaseResamplerProvider())
        val x = a.flatMap { it.samples.asList() }
        val y = b.flatMap { it.samples.asList() }
        x.size shouldBe 48_000
        y.size shouldBe 48_000
        var worst = 0f
        for (i in 200 until 47_800) worst = maxOf(worst, abs(x[i] - y[i]))
        worst.toDouble() shouldBeLessThan 1e-3
        a.first().frameIndex shouldBe 0L
    }

    test("a 1 kHz tone through HIGH and VERY_HIGH leaves everything else below -110 dB") {
        for ((from, to) in listOf(44_100 to 48_000, 48_000 to 44_100, 48_000 to 16_000)) {
            for (quality in listOf(ResampleQuality.HIGH, ResampleQuality.VERY_HIGH)) {
                val out = runBlocking {
                    sine(1_000.0, AudioFormat(from, 1), 0.5f, blockFrames = 512).takeFrames(from.toLong()).resample(to, quality, soxr).toList()
                }.flatMap { it.samples.asList() }.toFloatArray()
                ToneFit.of(out.copyOfRange(1_000, out.size - 1_000), 1_000.0, to).residualDb shouldBeLessThan -110.0
            }
        }
    }

    test("status and frame positions survive the conversion") {
        val format = AudioFormat(48_000, 2)
        val flagged = BlockStatus.of(inputOverflow = true, droppedFrames = 3)
        val input = flow {
            for (b in 0 until 10) emit(FloatBlock(format, FloatArray(960 * 2), 96_000L + b * 960, status = if (b == 4) flagged else BlockStatus.CLEAR))
        }
        val out = runBlocking { input.resample(16_000, ResampleQuality.HIGH, soxr).toList() }
        out.first().frameIndex shouldBe 32_000L
        out.sumOf { it.frames } shouldBe 3_200
        out.zipWithNext().forEach { (p, q) -> q.frameIndex shouldBe p.endFrameIndex }
        out.count { !it.status.isClear } shouldBe 1
        val carrier = out.first { !it.status.isClear }
        carrier.frameIndex shouldBeLessThanOrEqual 32_000L + 4 * 320
        carrier.endFrameIndex shouldBeGreaterThan 32_000L + 4 * 320
        carrier.status.inputOverflow shouldBe true
    }

    test("bad arguments and misuse give AudioException naming the value") {
        shouldThrow<AudioException> { soxr.create(0, 48_000, 1, ResampleQuality.HIGH) }.message shouldContain "sourceRate"
        shouldThrow<AudioException> { soxr.create(48_000, 44_100, 0, ResampleQuality.HIGH) }.message shouldContain "channels"
        val r = soxr.create(48_000, 44_100, 2, ResampleQuality.HIGH)
        shouldThrow<AudioException> { r.process(FloatArray(3), 2) }.message shouldContain "holds 3"
        r.finish()
        shouldThrow<AudioException> { r.process(FloatArray(4), 2) }.message shouldContain "after finish"
        r.close()
        r.close()
        shouldThrow<AudioException> { r.finish() }.message shouldContain "after close"
    }

    @OptIn(DelicateAudioApi::class)
    test("without libsoxr the provider is unavailable, says what to install, and the polyphase one is chosen") {
        val missing = SoxrResamplerProvider(JnaLibrary("libsoxr (the SoX resampler library)", listOf("/nonexistent/libsoxr.so"), "apt-get install libsoxr0"))
        missing.isAvailable shouldBe false
        missing.version shouldBe null
        missing.unavailableReason!! shouldContain "apt-get install libsoxr0"
        shouldThrow<AudioException> { missing.create(48_000, 44_100, 1, ResampleQuality.HIGH) }.let {
            it.kind shouldBe AudioErrorKind.BackendUnavailable
            it.message shouldContain "libsoxr"
        }
        System.setProperty(Resamplers.RESAMPLER_PROPERTY, "polyphase")
        try {
            Resamplers.best().name shouldBe "polyphase"
        } finally {
            System.clearProperty(Resamplers.RESAMPLER_PROPERTY)
        }
    }
})
