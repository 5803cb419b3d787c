package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.flowOf
import kotlin.time.Duration.Companion.milliseconds

class FadesSpec : FunSpec({
    context("fadeIn and fadeOut ramp linearly from and to silence") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(1_000, channels)
            val ones = FloatArray(1_000 * channels) { 1f }
            val faded = samplesOf(ones.asAudioFlow(format, blockFrames).fadeIn(100.milliseconds).fadeOut(200.milliseconds).collectBlocking())
            faded.size shouldBe ones.size
            faded[0] shouldBe 0f
            faded[50 * channels + channels - 1] shouldBe 0.5f
            faded[500 * channels] shouldBe 1f
            faded[(1_000 - 100) * channels].shouldBeNear(99f / 200f, 1e-6f)
            faded.last() shouldBe 0f
            ones.asAudioFlow(format, blockFrames).fadeOut(200.milliseconds).collectBlocking().shouldBeContiguous()
        }
    }

    test("a negative duration is refused") {
        shouldThrow<AudioException> { flowOf<dev.audioflow.FloatBlock>().fadeIn((-5).milliseconds) }.kind shouldBe AudioErrorKind.InvalidArgument
        shouldThrow<AudioException> { flowOf<dev.audioflow.FloatBlock>().fadeOut((-5).milliseconds) }.kind shouldBe AudioErrorKind.InvalidArgument
    }
})
