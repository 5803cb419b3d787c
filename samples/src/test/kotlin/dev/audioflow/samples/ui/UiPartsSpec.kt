package dev.audioflow.samples.ui

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.Levels
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlin.math.PI
import kotlin.math.sin

/** The pure parts behind the `ui` window: peak hold, scope capture, fader mapping, test signal. */
class UiPartsSpec : FunSpec({
    val rate = 48_000

    fun levelsAt(seconds: Double, peak: Float): Levels =
        Levels((seconds * rate).toLong(), 1600, floatArrayOf(peak), floatArrayOf(peak / 2))

    test("peak hold keeps the highest peak for 1.5 s, then falls at 20 dB/s, never below the current peak") {
        val hold = PeakHold(AudioFormat(rate, 1))
        hold.update(levelsAt(0.0, 0.5f)).holdDbfs[0] shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(1.0, 0.01f)).holdDbfs[0] shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(1.4, 0.01f)).holdDbfs[0] shouldBe (-6.02f).plusOrMinus(0.01f)
        hold.update(levelsAt(1.6, 0.01f)).holdDbfs[0] shouldBe (-6.02f - 20 * 0.2f).plusOrMinus(0.01f)
        hold.update(levelsAt(2.1, 0.01f)).holdDbfs[0] shouldBe (-6.02f - 20 * 0.7f).plusOrMinus(0.01f)
        hold.update(levelsAt(5.0, 0.01f)).holdDbfs[0] shouldBe (-40f).plusOrMinus(0.01f)
        val louder = hold.update(levelsAt(5.1, 1f))
        louder.holdDbfs[0] shouldBe 0f
        louder.sequence shouldBe 7
    }

    test("the scope triggers on a rising zero crossing, so a periodic signal stands still") {
        val format = AudioFormat(rate, 1)
        val capture = ScopeCapture(traceFrames = 480, publishEveryFrames = 1600)
        var traces = 0
        var position = 0L
        repeat(40) {
            val samples = FloatArray(256) { i -> sin(2 * PI * 1000.0 * (position + i) / rate + 1.0).toFloat() }
            capture.add(FloatBlock(format, samples, position))?.let { trace ->
                traces++
                trace.triggered shouldBe true
                trace.frames shouldBe 480
                trace[0, 0] shouldBe (0f).plusOrMinus(0.14f)
                trace[1, 0] shouldBeGreaterThan trace[0, 0]
            }
            position += 256
        }
        // The history (2 × 480 frames) is full after 4 blocks; then a trace is due every 1,600
        // frames, i.e. on every 7th block of 256: blocks 7, 14, 21, 28 and 35.
        traces shouldBe 5
    }

    test("a signal without zero crossings free-runs on the newest frames") {
        val format = AudioFormat(rate, 2)
        val capture = ScopeCapture(traceFrames = 100, publishEveryFrames = 100)
        capture.add(FloatBlock(format, FloatArray(2 * 150) { 0.5f })).shouldBeNull()
        val ramp = FloatArray(2 * 100) { if (it % 2 == 0) 0.1f + (it / 2) * 0.001f else -0.25f }
        val trace = capture.add(FloatBlock(format, ramp, 150)).shouldNotBeNull()
        trace.triggered shouldBe false
        trace[0, 0] shouldBe 0.1f
        trace[99, 0] shouldBe (0.199f).plusOrMinus(1e-6f)
        trace[99, 1] shouldBe -0.25f
    }

    test("the fader maps tenths of a dB to linear gain and back; its bottom mutes") {
        GainControl.linearOf(0) shouldBe 1f
        GainControl.linearOf(-60) shouldBe (0.5012f).plusOrMinus(0.0001f)
        GainControl.linearOf(120) shouldBe (3.981f).plusOrMinus(0.001f)
        GainControl.linearOf((GainControl.MIN_DB * 10).toInt()) shouldBe 0f
        GainControl.positionOf(0f) shouldBe (GainControl.MIN_DB * 10).toInt()
        GainControl.positionOf(0.5f) shouldBe -60
        GainControl.positionOf(100f) shouldBe (GainControl.MAX_DB * 10).toInt()
        for (position in listOf(-400, -123, 0, 57, 119)) GainControl.positionOf(GainControl.linearOf(position)) shouldBe position
    }

    test("the test signal stays within full scale, differs between channels and is deterministic") {
        val left = FloatArray(rate * 2) { TestSignal.sample(rate, it.toLong(), 0) }
        val right = FloatArray(rate * 2) { TestSignal.sample(rate, it.toLong(), 1) }
        left.asList().forAll { it shouldBeIn -1f..1f }
        right.asList().forAll { it shouldBeIn -1f..1f }
        left shouldNotBe right
        TestSignal.sample(rate, 12_345, 1) shouldBe TestSignal.sample(rate, 12_345, 1)
        left.max() shouldBeGreaterThan 0.3f
    }
})
