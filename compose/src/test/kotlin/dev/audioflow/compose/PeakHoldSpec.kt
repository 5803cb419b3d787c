package dev.audioflow.compose

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.flow.Levels
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.seconds

/** PeakHold's marks on an explicit clock: hold, fall, never below the current peak, restart on a channel change. */
class PeakHoldSpec : FunSpec({
    fun levelsAt(vararg peaks: Float): Levels = Levels(0, 1600, peaks, FloatArray(peaks.size) { peaks[it] / 2 })
    fun nanos(seconds: Double): Long = (seconds * 1e9).toLong()

    test("a peak is held for 1.5 s, then falls at 20 dB/s, never below the current peak") {
        val hold = PeakHold()
        hold.update(levelsAt(0.5f), nanos(0.0)).holdDbfs(0) shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f), nanos(1.0)).holdDbfs(0) shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f), nanos(1.4)).holdDbfs(0) shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f), nanos(1.6)).holdDbfs(0) shouldBe (-6.02f - 20 * 0.2f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f), nanos(2.1)).holdDbfs(0) shouldBe (-6.02f - 20 * 0.7f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f), nanos(5.0)).holdDbfs(0) shouldBe (-40f).plusOrMinus(0.01f)
        val louder = hold.update(levelsAt(1f), nanos(5.1))
        louder.holdDbfs(0) shouldBe 0f
        louder.sequence shouldBe 7
    }

    test("each channel holds on its own; a change of channel count starts afresh; a clock going back counts as no time") {
        val hold = PeakHold(holdTime = 1.seconds, fallDbPerSecond = 10f)
        hold.update(levelsAt(1f, 0.1f), nanos(0.0))
        val later = hold.update(levelsAt(0.1f, 0.5f), nanos(2.0))
        later.holdDbfs(0) shouldBe (-20f).plusOrMinus(0.01f)
        later.holdDbfs(1) shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(0.01f, 0.01f), nanos(1.0)).holdDbfs(1) shouldBe (-6.02f).plusOrMinus(0.01f)
        val mono = hold.update(levelsAt(0.01f), nanos(9.0))
        mono.channels shouldBe 1
        mono.holdDbfs(0) shouldBe (-40f).plusOrMinus(0.01f)
    }

    test("bad settings are refused, naming the value") {
        shouldThrow<AudioException> { PeakHold(holdTime = (-1).seconds) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "-1s"
        }
        shouldThrow<AudioException> { PeakHold(fallDbPerSecond = 0f) }.message shouldContain "0.0"
        shouldThrow<AudioException> { PeakHold(fallDbPerSecond = Float.NaN) }.message shouldContain "NaN"
    }
})
