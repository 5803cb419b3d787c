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
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.swing.Swing
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.awt.image.BufferedImage

/**
 * The view and the audio are decoupled: the panel observes the model on Swing's event thread,
 * and blocking that thread for 500 ms costs the audio nothing (the meter flows are conflated).
 * Runs headless: the panel is built and painted without a window.
 */
class UiStallSpec : FunSpec({
    test("blocking the UI thread for 500 ms while audio runs causes no overflow, underflow or xrun") {
        val backend = VirtualBackend(Pacing.Realtime, "ui-stall")
        val speaker = backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        // 1024-frame blocks: 43 ms of output prefill and a 170 ms ring absorb the scheduling
        // hiccups of a loaded 2-core machine, yet are far shorter than the 500 ms stall, so a
        // pipeline that depended on the UI thread would still overflow and underflow here.
        val model = LiveAudioModel(backend, PipelineOptions(blockSize = BlockSize.Fixed(1024)))
        val view = CoroutineScope(SupervisorJob() + Dispatchers.Swing)
        try {
            runBlocking {
                model.refreshDevices().join()
                model.selectOutput(speaker)
                val panel = withContext(Dispatchers.Swing) { AudioPanel(model).also { it.bind(view) } }
                model.start()
                withTimeout(10_000) { model.run.first { it == RunState.Running } }
                delay(1_000)
                val before = model.status.value
                val readingsBefore = withContext(Dispatchers.Swing) { panel.observations.meterReadings }
                withContext(Dispatchers.Swing) { Thread.sleep(500) }
                delay(1_000)
                val after = model.status.value
                val observations = withContext(Dispatchers.Swing) { panel.observations }
                withClue("the stall happened on the thread the view observes from") {
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
            }
        } finally {
            view.cancel()
            model.close()
        }
    }

    test("the panel paints lit meters and a trace while audio runs (rendered off-screen)") {
        val backend = VirtualBackend(Pacing.Realtime, "ui-paint")
        backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        val model = LiveAudioModel(backend)
        val view = CoroutineScope(SupervisorJob() + Dispatchers.Swing)
        try {
            runBlocking {
                model.refreshDevices().join()
                val panel = withContext(Dispatchers.Swing) { AudioPanel(model).also { it.bind(view) } }
                val idle = withContext(Dispatchers.Swing) { litMeterPixels(panel) }
                model.start()
                withTimeout(10_000) { model.meters.first { it != null && it.sequence > 20 } }
                delay(100)
                val running = withContext(Dispatchers.Swing) { litMeterPixels(panel) }
                idle shouldBe 0
                running shouldBeGreaterThan 500
            }
        } finally {
            view.cancel()
            model.close()
        }
    }
})

/** Lays [panel] out at its preferred size, paints it into an image and counts meter-coloured pixels inside the meters. */
internal fun litMeterPixels(panel: AudioPanel): Int {
    panel.setSize(panel.preferredSize)
    layoutTree(panel)
    val image = BufferedImage(panel.width, panel.height, BufferedImage.TYPE_INT_RGB)
    val g = image.createGraphics()
    try {
        panel.paint(g)
    } finally {
        g.dispose()
    }
    return countMeterPixels(image, panel.meterBounds())
}

private fun layoutTree(component: java.awt.Component) {
    if (component is java.awt.Container) {
        component.doLayout()
        component.components.forEach(::layoutTree)
    }
}

/** Pixels inside [bounds] of [image] close to one of the meter colours. */
internal fun countMeterPixels(image: BufferedImage, bounds: java.awt.Rectangle): Int {
    val colors = listOf(Palette.low, Palette.mid, Palette.high)
    var lit = 0
    for (y in bounds.y until minOf(image.height, bounds.y + bounds.height)) {
        for (x in bounds.x until minOf(image.width, bounds.x + bounds.width)) {
            val rgb = image.getRGB(x, y)
            val r = rgb shr 16 and 0xFF
            val gr = rgb shr 8 and 0xFF
            val b = rgb and 0xFF
            if (colors.any { kotlin.math.abs(it.red - r) + kotlin.math.abs(it.green - gr) + kotlin.math.abs(it.blue - b) < 30 }) lit++
        }
    }
    return lit
}
