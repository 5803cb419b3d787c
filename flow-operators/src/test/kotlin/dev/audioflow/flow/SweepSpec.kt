package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.sin
import kotlin.time.Duration.Companion.seconds

class SweepSpec : FunSpec({
    test("sweep has the exact length, the start and end frequencies, and the table's error bound") {
        val format = AudioFormat(48_000, 1)
        val s = samplesOf(sweep(100.0, 10_000.0, 2.seconds, format, 0.5f, blockFrames = 1000).collectBlocking())
        s.size shouldBe 96_000
        zeroCrossings(s.copyOfRange(0, 4_800)).toDouble().shouldBeNear(2 * 100.0 * 0.1 * 1.02, 4.0)
        zeroCrossings(s.copyOfRange(96_000 - 480, 96_000)).toDouble().shouldBeNear(2 * 10_000.0 * 0.01, 4.0)
        var frequency = 100.0
        var phase = 0.0
        val ratio = Math.exp(Math.log(100.0) / (96_000 - 1))
        var worst = 0.0
        for (n in 0 until 96_000) {
            worst = maxOf(worst, abs(s[n] - 0.5 * sin(2 * PI * phase)))
            phase += frequency / 48_000
            phase -= Math.floor(phase)
            frequency *= ratio
        }
        worst shouldBeLessThan 0.5 * 1e-7 + 0.5 / (1 shl 24)
        val linear = samplesOf(sweep(1_000.0, 2_000.0, 1.seconds, format, exponential = false).collectBlocking())
        zeroCrossings(linear).toDouble().shouldBeNear(2 * 1_500.0, 4.0)
    }

    test("an exponential sweep from 0 Hz is refused") {
        shouldThrow<AudioException> { sweep(0.0, 100.0, 1.seconds, AudioFormat(48_000, 1)) }.message shouldContain "exponential"
    }
})
