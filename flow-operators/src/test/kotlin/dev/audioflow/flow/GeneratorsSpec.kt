package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.log10
import kotlin.math.sin
import kotlin.math.sqrt
import kotlin.time.Duration.Companion.seconds

/** Power in `[low, high)` Hz of [x] at [rate]: Welch average of Hann-windowed 4096-point periodograms. */
private fun bandPower(x: FloatArray, rate: Int, low: Double, high: Double): Double {
    val n = 4096
    var total = 0.0
    var segments = 0
    var start = 0
    while (start + n <= x.size) {
        val re = DoubleArray(n) { x[start + it] * (0.5 - 0.5 * cos(2 * PI * it / n)) }
        val im = DoubleArray(n)
        fft(re, im)
        for (k in 1 until n / 2) {
            val f = k.toDouble() * rate / n
            if (f >= low && f < high) total += re[k] * re[k] + im[k] * im[k]
        }
        segments++
        start += n / 2
    }
    return total / segments
}

/** In-place iterative radix-2 FFT. */
private fun fft(re: DoubleArray, im: DoubleArray) {
    val n = re.size
    var j = 0
    for (i in 1 until n) {
        var bit = n shr 1
        while (j and bit != 0) {
            j = j xor bit
            bit = bit shr 1
        }
        j = j xor bit
        if (i < j) {
            re[i] = re[j].also { re[j] = re[i] }
            im[i] = im[j].also { im[j] = im[i] }
        }
    }
    var length = 2
    while (length <= n) {
        val angle = -2 * PI / length
        for (i in 0 until n step length) {
            for (k in 0 until length / 2) {
                val wr = cos(angle * k)
                val wi = sin(angle * k)
                val ar = re[i + k + length / 2] * wr - im[i + k + length / 2] * wi
                val ai = re[i + k + length / 2] * wi + im[i + k + length / 2] * wr
                re[i + k + length / 2] = re[i + k] - ar
                im[i + k + length / 2] = im[i + k] - ai
                re[i + k] += ar
                im[i + k] += ai
            }
        }
        length *= 2
    }
}

/** Sign changes in [x] (channel 0 of [channels]). */
private fun zeroCrossings(x: FloatArray, channels: Int = 1): Int {
    var count = 0
    for (i in channels until x.size step channels) if ((x[i] >= 0f) != (x[i - channels] >= 0f)) count++
    return count
}

class GeneratorsSpec : FunSpec({
    context("sine is within its stated error bound of the exact sine, on every channel, for any block size") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val amplitude = 0.8f
            // 997 Hz uses the second-order recurrence; the others fall back to rotations.
            for (frequency in listOf(997.0, 6_000.0, 0.3, 23_999.0)) {
                val blocks = sine(frequency, format, amplitude, blockFrames).takeFrames(20_000).collectBlocking()
                contiguous(blocks) shouldBe true
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

    context("square, saw, silence and impulse have the right values and periods") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val sq = samplesOf(square(100.0, format, 0.5f, blockFrames).takeFrames(48_000).collectBlocking())
            sq.all { it == 0.5f || it == -0.5f } shouldBe true
            zeroCrossings(sq, channels) shouldBe 199
            sq[239 * channels] shouldBe 0.5f
            sq[240 * channels] shouldBe -0.5f
            val sw = samplesOf(saw(50.0, format, 1f, blockFrames).takeFrames(48_000).collectBlocking())
            sw[0] shouldBe -1f
            sw[480 * channels].shouldBeNear(0f, 1e-6f)
            sw.all { it >= -1f && it < 1f } shouldBe true
            samplesOf(silence(format, blockFrames).takeFrames(1_000).collectBlocking()).all { it == 0f } shouldBe true
            val clicks = samplesOf(impulse(format, intervalFrames = 300, blockFrames = blockFrames).takeFrames(1_000).collectBlocking())
            (0 until 1_000).filter { clicks[it * channels] != 0f } shouldBe listOf(0, 300, 600, 900)
            clicks.count { it != 0f } shouldBe 4 * channels
        }
    }

    test("white noise is reproducible per seed, uniform and independent per channel") {
        val format = AudioFormat(48_000, 2)
        val a = samplesOf(whiteNoise(format, 0.5f, seed = 7).takeFrames(48_000).collectBlocking())
        val b = samplesOf(whiteNoise(format, 0.5f, seed = 7, blockFrames = 3).takeFrames(48_000).collectBlocking())
        val c = samplesOf(whiteNoise(format, 0.5f, seed = 8).takeFrames(48_000).collectBlocking())
        a shouldBe b
        a shouldNotBe c
        a.all { it >= -0.5f && it < 0.5f } shouldBe true
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

    context("asAudioFlow cuts an array into contiguous blocks") {
        withData(SHAPES) { (blockFrames, channels) ->
            val x = testSamples(1_234, channels)
            val blocks = x.asAudioFlow(AudioFormat(48_000, channels), blockFrames).collectBlocking()
            samplesOf(blocks) shouldBe x
            contiguous(blocks) shouldBe true
            blocks.dropLast(1).all { it.frames == blockFrames } shouldBe true
        }
    }

    test("generator arguments are validated and named") {
        val format = AudioFormat(48_000, 1)
        shouldThrow<AudioException> { sine(30_000.0, format) }.message shouldContain "30000"
        shouldThrow<AudioException> { sine(440.0, format, amplitude = -1f) }.message shouldContain "-1.0"
        shouldThrow<AudioException> { square(440.0, format, blockFrames = 0) }.message shouldContain "blockFrames"
        shouldThrow<AudioException> { sweep(0.0, 100.0, 1.seconds, format) }.message shouldContain "exponential"
        shouldThrow<AudioException> { impulse(format, intervalFrames = -1) }.message shouldContain "-1"
        shouldThrow<AudioException> { FloatArray(3).asAudioFlow(AudioFormat(48_000, 2)) }.message shouldContain "3"
    }
})
