package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

class MixInputSpec : FunSpec({
    test("withGain pairs the flow with its gain; the constructor's gain defaults to unity") {
        val flow = testFlow(10, AudioFormat(48_000, 1), 5)
        val input = flow withGain 0.25f
        input.flow shouldBeSameInstanceAs flow
        input.gain shouldBe 0.25f
        MixInput(flow).gain shouldBe 1f
        input.toString() shouldBe "MixInput(gain=0.25)"
    }

    test("each gain scales only the flow it was given with") {
        val format = AudioFormat(48_000, 2)
        val x = testSamples(200, 2)
        val r = randomSamples(200, 2, seed = 11)
        val out = mix(testFlow(200, format, 16) withGain 2f, r.asAudioFlow(format, 50) withGain -0.5f).collectBlocking()
        samplesOf(out) shouldBe FloatArray(x.size) { x[it] * 2f + r[it] * -0.5f }
    }

    context("a gain that is not finite is rejected, naming it") {
        withData(nameFn = { "gain $it" }, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY) { gain ->
            val flow = testFlow(10, AudioFormat(48_000, 1), 5)
            val e = shouldThrow<AudioException> { flow withGain gain }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldBe "mix input gain must be finite, was $gain"
            shouldThrow<AudioException> { MixInput(flow, gain) }.message shouldBe e.message
        }
    }
})
