package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.test.runTest
import kotlin.math.log10
import kotlin.math.sqrt

class MeterSpec : FunSpec({
    context("meter reports peak and RMS per channel over windows spanning blocks, without touching the audio") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val reports = mutableListOf<Levels>()
            val input = sine(1_000.0, format, 0.5f, blockFrames).takeFrames(4_800).collectBlocking()
            val passed = input.asFlowOfBlocks().meter(960) { reports += it }.collectBlocking()
            passed.size shouldBe input.size
            passed.zip(input).forAll { (out, original) -> out shouldBeSameInstanceAs original }
            reports.size shouldBe 5
            reports.map { it.frameIndex } shouldBe listOf(0L, 960L, 1_920L, 2_880L, 3_840L)
            for (levels in reports) {
                levels.channels shouldBe channels
                for (c in 0 until channels) {
                    levels.peak(c).shouldBeNear(0.5f, 1e-5f)
                    levels.rms(c).shouldBeNear((0.5 / sqrt(2.0)).toFloat(), 1e-5f)
                    levels.peakDbfs(c).shouldBeNear((20 * log10(0.5)).toFloat(), 1e-3f)
                    levels.rmsDbfs(c).shouldBeNear(-9.03f, 0.01f)
                }
            }
        }
    }

    test("meter into a StateFlow holds the latest window; silence reads negative infinity") {
        val levels = MutableStateFlow<Levels?>(null)
        silence(AudioFormat(48_000, 2)).takeFrames(10_000).meter(levels, 1_000).collectBlocking()
        levels.value!!.frameIndex shouldBe 9_000L
        levels.value!!.peakDbfs(1) shouldBe Float.NEGATIVE_INFINITY
        Levels.dbfs(1f) shouldBe 0f
    }

    test("levels() is conflated: a slow collector gets the latest window and never slows the audio") {
        runTest {
            val received = mutableListOf<Levels>()
            sine(440.0, AudioFormat(48_000, 1), 0.25f).takeFrames(48_000).levels(480).collect {
                received += it
                delay(50)
            }
            received.size shouldBeLessThan 100
            received.size shouldBeGreaterThan 0
            received.last().frameIndex shouldBe 48_000L - 480
            received.last().peak(0).shouldBeNear(0.25f, 1e-3f)
        }
    }

    test("window sizes are validated") {
        shouldThrow<AudioException> { silence(AudioFormat(48_000, 1)).meter(0) { } }.message shouldContain "0"
        shouldThrow<AudioException> { silence(AudioFormat(48_000, 1)).levels(-3) }.message shouldContain "-3"
    }
})

/** The given blocks, in order, as a Flow (the same instances). */
fun List<dev.audioflow.FloatBlock>.asFlowOfBlocks(): kotlinx.coroutines.flow.Flow<dev.audioflow.FloatBlock> = kotlinx.coroutines.flow.flow {
    for (b in this@asFlowOfBlocks) emit(b)
}
