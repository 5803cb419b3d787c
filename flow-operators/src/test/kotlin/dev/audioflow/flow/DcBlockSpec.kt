package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.floats.shouldBeLessThan
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.flowOf
import kotlin.math.abs

class DcBlockSpec : FunSpec({
    test("dcBlock removes a constant offset and passes a 1 kHz tone") {
        val format = AudioFormat(48_000, 1)
        val dc = FloatArray(48_000) { 0.5f }.asAudioFlow(format, 256).dcBlock().collectBlocking()
        abs(samplesOf(dc).last()) shouldBeLessThan 0.01f
        val tone = sine(1_000.0, format, 0.5f).takeFrames(48_000).dcBlock().collectBlocking()
        val settled = samplesOf(tone).copyOfRange(24_000, 48_000)
        abs(rms(settled) - 0.5 / kotlin.math.sqrt(2.0)) shouldBeLessThan 0.002
    }

    test("a cutoff that is not above zero is named") {
        shouldThrow<AudioException> { flowOf<dev.audioflow.FloatBlock>().dcBlock(-1.0) }.message shouldContain "-1.0"
    }
})
