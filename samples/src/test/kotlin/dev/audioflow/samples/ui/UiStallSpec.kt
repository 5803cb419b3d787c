package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSink
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.swing.Swing
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import dev.audioflow.compose.AudioColors
import androidx.compose.ui.graphics.toArgb
import java.awt.image.BufferedImage

/**
 * The view and the audio are decoupled: the window's screen observes the model on Swing's event
 * thread (Compose for Desktop's UI thread), and blocking that thread for 500 ms costs the audio
 * nothing (the meter flows are conflated). Runs without a display: the screen is composed and
 * rendered off-screen on the event thread, frame by frame as a window would.
 */
class UiStallSpec : FunSpec({
    test("blocking the UI thread for 500 ms while audio runs causes no overflow, underflow or xrun") {
        val backend = VirtualBackend(Pacing.Realtime, "ui-stall")
        val speaker = backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        // 1024-frame blocks: 43 ms of output prefill and a 170 ms ring absorb the scheduling
        // hiccups of a loaded 2-core machine, yet are far shorter than the 500 ms stall, so a
        // pipeline that depended on the UI thread would still overflow and underflow here.
        val model = LiveAudioModel(backend, PipelineOptions(blockSize = BlockSize.Fixed(1024)))
        try {
            runBlocking {
                model.refreshDevices().join()
                model.selectOutput(speaker)
                val screen = withContext(Dispatchers.Swing) { OffscreenScreen(model) }
                try {
                    model.start()
                    withTimeout(10_000) { model.run.first { it == RunState.Running } }
                    delay(1_000)
                    val before = model.status.value
                    val readingsBefore = withContext(Dispatchers.Swing) { screen.observations.meterReadings }
                    withContext(Dispatchers.Swing) { Thread.sleep(500) }
                    delay(1_000)
                    val after = model.status.value
                    val observations = withContext(Dispatchers.Swing) { screen.observations }
                    withClue("the stall happened on the thread the view observes from (readings shown: $readingsBefore before the stall, ${observations.meterReadings} in all)") {
                        observations.longestMeterGapMillis shouldBeGreaterThanOrEqual 450L
                    }
                    withClue("the view got fresh readings after the stall, not a backlog") {
                        observations.meterReadings shouldBeGreaterThan readingsBefore + 3
                    }
                    withClue("audio kept flowing through the stall: $before -> $after") {
                        (after.framesIn - before.framesIn) shouldBeGreaterThan 48_000L * 14 / 10
                        after.overflows shouldBe before.overflows
                        after.underflows shouldBe before.underflows
                        after.xruns shouldBe before.xruns
                    }
                } finally {
                    withContext(Dispatchers.Swing) { screen.close() }
                }
            }
        } finally {
            model.close()
        }
    }

    test("the screen renders lit meters and a trace while audio runs, and dark meters before") {
        val backend = VirtualBackend(Pacing.Realtime, "ui-paint")
        backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        val model = LiveAudioModel(backend)
        try {
            runBlocking {
                model.refreshDevices().join()
                val screen = withContext(Dispatchers.Swing) { OffscreenScreen(model) }
                try {
                    delay(200)
                    val idle = withContext(Dispatchers.Swing) { countMeterPixels(screen.image(), screen.meterBounds()) }
                    model.start()
                    withTimeout(10_000) { model.meters.first { it != null && it.sequence > 20 } }
                    delay(200)
                    val (running, traces) = withContext(Dispatchers.Swing) {
                        countMeterPixels(screen.image(), screen.meterBounds()) to screen.observations.scopeTraces
                    }
                    withClue("meter bounds ${screen.meterBounds()}") {
                        idle shouldBe 0
                        running shouldBeGreaterThan 500
                    }
                    traces shouldBeGreaterThan 3L
                } finally {
                    withContext(Dispatchers.Swing) { screen.close() }
                }
            }
        } finally {
            model.close()
        }
    }
})

/** Pixels inside [bounds] of [image] close to one of the meter colours (AudioColors.Dark's low, mid and high). */
internal fun countMeterPixels(image: BufferedImage, bounds: java.awt.Rectangle): Int {
    val colors = with(AudioColors.Dark) { listOf(low, mid, high) }.map { java.awt.Color(it.toArgb()) }
    var lit = 0
    for (y in maxOf(0, bounds.y) until minOf(image.height, bounds.y + bounds.height)) {
        for (x in maxOf(0, bounds.x) until minOf(image.width, bounds.x + bounds.width)) {
            val rgb = image.getRGB(x, y)
            val r = rgb shr 16 and 0xFF
            val gr = rgb shr 8 and 0xFF
            val b = rgb and 0xFF
            if (colors.any { kotlin.math.abs(it.red - r) + kotlin.math.abs(it.green - gr) + kotlin.math.abs(it.blue - b) < 30 }) lit++
        }
    }
    return lit
}
