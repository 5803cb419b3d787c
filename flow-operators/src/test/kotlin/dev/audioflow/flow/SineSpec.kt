package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.string.shouldContain
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.sin

class SineSpec : FunSpec({
    context("sine is within its stated error bound of the exact sine, on every channel, for any block size") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val amplitude = 0.8f
            // 997 Hz uses the second-order recurrence; the others fall back to rotations.
            for (frequency in listOf(997.0, 6_000.0, 0.3, 23_999.0)) {
                val blocks = sine(frequency, format, amplitude, blockFrames).takeFrames(20_000).collectBlocking()
                blocks.shouldBeContiguous()
                val s = samplesOf(blocks)
                var worst = 0.0
                for (f in 0 until 20_000) {
                    val exact = amplitude * sin(2 * PI * frequency * f / 48_000)
                    for (c in 0 until channels) worst = maxOf(worst, abs(s[f * channels + c] - exact))
                }
                worst shouldBeLessThan amplitude * 1.0 / (1 shl 24) + 1e-9
            }
        }
    }

    test("bad frequencies and amplitudes are named") {
        val format = AudioFormat(48_000, 1)
        shouldThrow<AudioException> { sine(30_000.0, format) }.message shouldContain "30000"
        shouldThrow<AudioException> { sine(440.0, format, amplitude = -1f) }.message shouldContain "-1.0"
    }
})
