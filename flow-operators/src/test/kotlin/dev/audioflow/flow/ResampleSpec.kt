package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.testing.ToneFit
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.log10
import kotlin.math.sqrt

private fun db(ratio: Double): Double = 20 * log10(ratio)

class ResampleSpec : FunSpec({
    for ((from, to) in listOf(44_100 to 48_000, 48_000 to 44_100)) {
        test("a 1 kHz tone resampled $from -> $to keeps its frequency; everything else is below -80 dB") {
            val seconds = 1
            val out = sine(1_000.0, AudioFormat(from, 1), 0.5f, blockFrames = 512).takeFrames(from.toLong() * seconds)
                .resample(to).collectBlocking()
            val y = samplesOf(out)
            y.size shouldBe to * seconds
            out.forAll { it.sampleRate shouldBe to }
            out.shouldBeContiguous()
            val middle = y.copyOfRange(to / 10, to - to / 10)
            val fit = ToneFit.of(middle, 1_000.0, to)
            val amplitude = fit.amplitude
            amplitude.shouldBeNear(0.5, 0.5 * 0.001)
            val spurious = fit.residualDb
            println("resample $from -> $to: 1 kHz tone amplitude $amplitude, everything else at %.1f dB".format(spurious))
            spurious shouldBeLessThan -80.0
            val detuned = ToneFit.of(middle, 1_000.0 * from / to, to).amplitude
            detuned shouldBeLessThan 0.05
        }
    }

    test("the pass band is flat within 0.01 dB up to 0.8 × the lower Nyquist frequency (17.6 kHz)") {
        for ((from, to) in listOf(44_100 to 48_000, 48_000 to 44_100)) {
            val y = samplesOf(sine(17_600.0, AudioFormat(from, 1), 0.5f).takeFrames(from.toLong()).resample(to).collectBlocking())
            val amplitude = ToneFit.of(y.copyOfRange(to / 10, to - to / 10), 17_600.0, to).amplitude
            db(amplitude / 0.5).shouldBeNear(0.0, 0.01)
        }
    }

    test("48 kHz -> 44.1 kHz rejects a 23 kHz tone (above the new Nyquist frequency) by more than 80 dB") {
        val out = sine(23_000.0, AudioFormat(48_000, 1), 0.5f).takeFrames(48_000).resample(44_100).collectBlocking()
        val y = samplesOf(out)
        val middle = y.copyOfRange(4_410, 44_100 - 4_410)
        val rejection = db(rms(middle) / (0.5 / sqrt(2.0)))
        println("resample 48000 -> 44100: 23 kHz tone left at %.1f dB".format(rejection))
        rejection shouldBeLessThan -80.0
    }

    context("resampling keeps channels independent, frameIndex contiguous and the length exact") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(44_100, channels)
            val frames = 2_205
            val out = testFlow(frames, format, blockFrames, flagged = setOf(0)).resample(48_000).collectBlocking()
            out.shouldBeContiguous()
            out.sumOf { it.frames } shouldBe 2_400
            out.first().status.inputOverflow shouldBe true
            val reference = testFlow(frames, AudioFormat(44_100, 1), 441).resample(48_000).collectBlocking()
            val mono = samplesOf(reference)
            val multi = samplesOf(out)
            for (f in listOf(0, 17, 1_200, 2_399)) multi[f * channels].shouldBeNear(mono[f], 1e-6f)
        }
    }

    test("status reaches the output block containing the flagged input block's first frame") {
        val format = AudioFormat(48_000, 1)
        val flagged = BlockStatus.of(inputOverflow = true, droppedFrames = 7)
        val out = testFlow(48_000, format, 480, flagged = setOf(50), status = flagged).resample(44_100).collectBlocking()
        val position = (50L * 480 * 44_100 + 47_999) / 48_000
        out.blockAt(position).status shouldBe flagged
        out.count { !it.status.isClear } shouldBe 1
    }

    test("the same rate passes through; impossible ratios and bad rates are rejected") {
        val format = AudioFormat(48_000, 2)
        val input = testFlow(1_000, format, 100).collectBlocking()
        val out = testFlow(1_000, format, 100).resample(48_000).collectBlocking()
        out.map { it.samples.toList() } shouldBe input.map { it.samples.toList() }
        shouldThrow<AudioException> { testFlow(1_000, format, 100).resample(0) }.message shouldContain "0"
        val e = shouldThrow<AudioException> { testFlow(1_000, AudioFormat(44_100, 1), 100).resample(44_101).collectBlocking() }
        e.kind shouldBe AudioErrorKind.UnsupportedFormat
        e.message shouldContain "44101"
    }

    test("the polyphase resampler is the one registered here, and it keeps the Resampler contract") {
        dev.audioflow.spi.Resamplers.best().name shouldBe PolyphaseResamplerProvider.NAME
        val provider = PolyphaseResamplerProvider()
        provider.isAvailable shouldBe true
        provider.unavailableReason shouldBe null
        for ((from, to) in listOf(44_100 to 48_000, 48_000 to 16_000, 16_000 to 44_100)) {
            val r = provider.create(from, to, 2, dev.audioflow.spi.ResampleQuality.VERY_HIGH)
            val x = FloatArray(2 * 7_001).also { it[2 * 3_000] = 1f }
            val out = r.process(x.copyOfRange(0, 2 * 4_000), 4_000) + r.process(x.copyOfRange(2 * 4_000, x.size), 3_001) + r.finish()
            out.size / 2 shouldBe dev.audioflow.spi.Resamplers.outputFrames(7_001, from, to).toInt()
            val peak = (0 until out.size / 2).maxBy { out[2 * it] }
            peak.toLong() shouldBeInRange (3_000L * to / from - 1)..(3_000L * to / from + 1)
            r.finish().size shouldBe 0
            shouldThrow<AudioException> { r.process(FloatArray(2), 1) }.message shouldContain "after finish"
            r.close()
            shouldThrow<AudioException> { r.finish() }.message shouldContain "after close"
        }
        shouldThrow<AudioException> { provider.create(48_000, 44_100, 2, dev.audioflow.spi.ResampleQuality.HIGH).process(FloatArray(3), 2) }.message shouldContain "holds 3"
    }
})
