package dev.audioflow.compose

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.floats.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlin.math.PI
import kotlin.math.sin
import kotlin.time.Duration.Companion.milliseconds

/** ScopeCapture and the oscilloscope operator: triggers, free-running, what passes through. */
class ScopeCaptureSpec : FunSpec({
    val rate = 48_000

    fun sineBlocks(count: Int, frames: Int = 256, phase: Double = 1.0, channels: Int = 1): List<FloatBlock> {
        val format = AudioFormat(rate, channels)
        return List(count) { b ->
            val start = b.toLong() * frames
            FloatBlock(format, FloatArray(frames * channels) { i -> sin(2 * PI * 1000.0 * (start + i / channels) / rate + phase).toFloat() }, start)
        }
    }

    test("a rising trigger at 0 starts every trace at a rising zero crossing, so a periodic signal stands still") {
        val capture = ScopeCapture(traceFrames = 480, publishEveryFrames = 1600)
        val traces = sineBlocks(40).mapNotNull(capture::add)
        // The history (2 × 480 frames) is full after 4 blocks; then a trace is due every 1,600
        // frames, i.e. on every 7th block of 256: blocks 7, 14, 21, 28 and 35.
        traces.size shouldBe 5
        for (trace in traces) {
            trace.triggered shouldBe true
            trace.frames shouldBe 480
            trace[0, 0] shouldBe (0f).plusOrMinus(0.14f)
            trace[1, 0] shouldBeGreaterThan trace[0, 0]
        }
        traces.map { it.sequence } shouldBe listOf(1L, 2L, 3L, 4L, 5L)
    }

    test("a falling trigger at a level starts where the signal falls through that level") {
        val capture = ScopeCapture(traceFrames = 480, publishEveryFrames = 480, trigger = ScopeTrigger(level = 0.5f, slope = ScopeTrigger.Slope.Falling))
        val trace = sineBlocks(10).firstNotNullOf(capture::add)
        trace.triggered shouldBe true
        // At 1 kHz a sample near 0.5 moves by up to 0.12 per frame: the first frame at or below
        // the level is within that of it, and the one before it was above.
        trace[0, 0] shouldBeIn 0.38f..0.5f
        trace[1, 0] shouldBeLessThan trace[0, 0]
    }

    test("without crossings, with no trigger, or triggering on a channel the stream lacks, the scope free-runs on the newest frames") {
        val format = AudioFormat(rate, 2)
        val ramp = FloatArray(2 * 100) { if (it % 2 == 0) 0.1f + (it / 2) * 0.001f else -0.25f }
        for (trigger in listOf(ScopeTrigger(), null, ScopeTrigger(channel = 5))) {
            val capture = ScopeCapture(traceFrames = 100, publishEveryFrames = 100, trigger = trigger)
            capture.add(FloatBlock(format, FloatArray(2 * 150) { 0.5f })).shouldBeNull()
            val trace = capture.add(FloatBlock(format, ramp, 150)).shouldNotBeNull()
            trace.triggered shouldBe false
            trace[0, 0] shouldBe 0.1f
            trace[99, 0] shouldBe (0.199f).plusOrMinus(1e-6f)
            trace[99, 1] shouldBe -0.25f
        }
        val free = ScopeCapture(100, 100, trigger = null)
        sineBlocks(4, channels = 2).mapNotNull(free::add).first().triggered shouldBe false
    }

    test("the operator passes every block through untouched and publishes triggered traces of the span asked for") {
        val traces = MutableStateFlow<ScopeTrace?>(null)
        val blocks = sineBlocks(100)
        val out = runBlocking { blocks.asFlow().oscilloscope(traces, span = 10.milliseconds, tracesPerSecond = 50).toList() }
        out.size shouldBe blocks.size
        out.zip(blocks).all { (a, b) -> a === b } shouldBe true
        val last = traces.value.shouldNotBeNull()
        last.frames shouldBe 480
        last.spanMillis shouldBe 10.0
        last.sampleRate shouldBe rate
        last.triggered shouldBe true
        // A trace is due every 960 frames once the 960-frame history is full: with blocks of 256,
        // on every 4th block, so 25 traces in 100 blocks.
        last.sequence shouldBe 25L
    }

    test("bad settings are refused, naming the value") {
        shouldThrow<AudioException> { ScopeCapture(0, 10) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "was 0"
        }
        shouldThrow<AudioException> { ScopeCapture(10, ScopeCapture.MAX_TRACE_FRAMES + 1) }.message shouldContain "65537"
        shouldThrow<AudioException> { ScopeTrigger(channel = -1) }.message shouldContain "-1"
        shouldThrow<AudioException> { ScopeTrigger(level = Float.NaN) }.message shouldContain "NaN"
        shouldThrow<AudioException> { sineBlocks(1).asFlow().oscilloscope(MutableStateFlow(null), span = 0.milliseconds) }.message shouldContain "0s"
        shouldThrow<AudioException> { sineBlocks(1).asFlow().oscilloscope(MutableStateFlow(null), tracesPerSecond = 0) }.message shouldContain "was 0"
        shouldThrow<AudioException> { ScopeTrace(2, FloatArray(3), false, rate) }.message shouldContain "had 3"
    }
})
