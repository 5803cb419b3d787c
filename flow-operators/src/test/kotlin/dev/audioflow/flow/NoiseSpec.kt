package dev.audioflow.flow

import dev.audioflow.AudioFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.floats.shouldBeGreaterThanOrEqual
import io.kotest.matchers.floats.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlin.math.abs
import kotlin.math.log10
import kotlin.math.sqrt

class NoiseSpec : FunSpec({
    test("white noise is reproducible per seed, uniform and independent per channel") {
        val format = AudioFormat(48_000, 2)
        val a = samplesOf(whiteNoise(format, 0.5f, seed = 7).takeFrames(48_000).collectBlocking())
        val b = samplesOf(whiteNoise(format, 0.5f, seed = 7, blockFrames = 3).takeFrames(48_000).collectBlocking())
        val c = samplesOf(whiteNoise(format, 0.5f, seed = 8).takeFrames(48_000).collectBlocking())
        a shouldBe b
        a shouldNotBe c
        a.asList().forAll {
            it shouldBeGreaterThanOrEqual -0.5f
            it shouldBeLessThan 0.5f
        }
        abs(a.average()) shouldBeLessThan 0.005
        rms(a, 2, 0).shouldBeNear(0.5 / sqrt(3.0), 0.005)
        var correlation = 0.0
        for (f in 0 until 48_000) correlation += a[2 * f].toDouble() * a[2 * f + 1]
        abs(correlation / 48_000 / (0.25 / 3)) shouldBeLessThan 0.02
    }

    test("pink noise falls by 3 dB per octave: equal power in every octave from 125 Hz to 8 kHz") {
        val x = samplesOf(pinkNoise(AudioFormat(44_100, 1), 1f, seed = 3).takeFrames(44_100L * 20).collectBlocking())
        val reference = bandPower(x, 44_100, 125.0, 250.0)
        for (low in listOf(250.0, 500.0, 1_000.0, 2_000.0, 4_000.0)) {
            val db = 10 * log10(bandPower(x, 44_100, low, 2 * low) / reference)
            abs(db) shouldBeLessThan 1.0
        }
        rms(x).shouldBeNear(0.25, 0.06)
        val white = samplesOf(whiteNoise(AudioFormat(44_100, 1), 1f).takeFrames(44_100L * 5).collectBlocking())
        (10 * log10(bandPower(white, 44_100, 4_000.0, 8_000.0) / bandPower(white, 44_100, 125.0, 250.0))).shouldBeNear(15.05, 1.0)
    }
})
