package dev.audioflow.samples

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldStartWith
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.math.PI
import kotlin.math.sin

/** The terminal renderings and the whole-stream level summary. */
class RenderSpec : FunSpec({
    test("progress bar fills in proportion and clamps") {
        Render.progress(3.0, 6.0, width = 10) shouldBe "[#####.....]  50%  3.0/6.0 s"
        Render.progress(9.0, 6.0, width = 4) shouldBe "[####] 100%  9.0/6.0 s"
        Render.progress(0.0, 0.0, width = 2) shouldBe "[##] 100%  0.0/0.0 s"
    }

    test("meter bars span -60..0 dBFS, with silence shown as -inf") {
        Render.meter("L", 0.0, -6.0, width = 10) shouldStartWith "L   █████████▆ "
        Render.meter("R", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, width = 4) shouldBe "R   ····   -inf dBFS peak   -inf dBFS rms"
        Render.channelLabel(0, 2) shouldBe "L"
        Render.channelLabel(2, 6) shouldBe "3"
    }

    test("the summary measures peak and RMS per channel over every block") {
        val format = AudioFormat(48_000, 2)
        val summary = SignalSummary()
        repeat(4) { b ->
            val samples = FloatArray(480 * 2) { i ->
                val frame = b * 480 + i / 2
                if (i % 2 == 0) (0.5 * sin(2 * PI * 1000 * frame / 48_000)).toFloat() else 0f
            }
            summary.add(FloatBlock(format, samples, b * 480L))
        }
        summary.frames shouldBe 1920
        summary.seconds shouldBe (0.04 plusOrMinus 1e-12)
        summary.peakDb()[0] shouldBe (-6.02 plusOrMinus 0.01)
        summary.rmsDb()[0] shouldBe (-9.03 plusOrMinus 0.01)
        summary.peakDb()[1] shouldBe Double.NEGATIVE_INFINITY
        summary.levelsText() shouldBe "peak -6.0 / -inf dBFS, RMS -9.0 / -inf dBFS"
    }

    test("the live display redraws in place on a terminal and stays silent elsewhere") {
        val terminal = ByteArrayOutputStream()
        val display = LiveDisplay(Console(PrintStream(ByteArrayOutputStream()), PrintStream(terminal, true, Charsets.UTF_8), interactive = true))
        display.update(force = true) { listOf("a", "b") }
        display.update(force = true) { listOf("c") }
        terminal.toString(Charsets.UTF_8) shouldBe "\u001b[2Ka\n\u001b[2Kb\n\u001b[2F\u001b[2Kc\n\u001b[2K\n"
        val log = ByteArrayOutputStream()
        LiveDisplay(Console(PrintStream(ByteArrayOutputStream()), PrintStream(log), interactive = false)).update(force = true) { listOf("x") }
        log.size() shouldBe 0
        Render.db(-3.0) shouldEndWith "-3.0 dBFS"
    }
})
