package dev.audioflow.samples.ui

import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.toArgb
import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getOrNull
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performSemanticsAction
import androidx.compose.ui.test.runComposeUiTest
import dev.audioflow.AudioBackend
import dev.audioflow.compose.AudioColors
import dev.audioflow.compose.FaderScale
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSink
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking
import java.awt.image.BufferedImage
import kotlin.math.abs

/**
 * The `ui` window's screen under Compose's desktop UI test host, on a real-time virtual backend
 * and the real [LiveAudioModel]: what a user sees and does, through the screen's own nodes.
 */
@OptIn(ExperimentalTestApi::class)
class AudioScreenSpec : FunSpec({
    /** The node's state description (the meter's figures, the fader's gain), empty without one. */
    fun SemanticsNodeInteraction.state(): String = fetchSemanticsNode().config.getOrNull(SemanticsProperties.StateDescription).orEmpty()

    /** Channel 1's peak in dBFS in a level meter's state description. */
    fun peakOf(state: String): Float? = Regex("L peak (-?[0-9.]+) dBFS").find(state)?.groupValues?.get(1)?.toFloat()

    /** Shows the screen of a model on [backend] (its devices scanned) under the UI test host, runs [body], closes the model. */
    fun onScreen(backend: AudioBackend, body: ComposeUiTest.(LiveAudioModel) -> Unit) {
        LiveAudioModel(backend).use { model ->
            runBlocking { model.refreshDevices().join() }
            runComposeUiTest {
                setContent { AudioScreen(model, UiObservations()) }
                body(model)
            }
        }
    }

    test("Start meters the test signal: the meters move, the status bar shows the stream, Stop stops it") {
        val backend = VirtualBackend(Pacing.Realtime, "screen-run")
        backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        onScreen(backend) { model ->
            onNodeWithText("● Stopped").assertExists()
            onNodeWithText("no stream open").assertExists()
            onNodeWithText("Start").performClick()
            waitUntil(timeoutMillis = 10_000) { model.run.value == RunState.Running }
            val meter = onNodeWithContentDescription("Level meter")
            val peaks = mutableSetOf<Float>()
            waitUntil(timeoutMillis = 15_000) {
                peakOf(meter.state())?.let(peaks::add)
                peaks.size > 10 && peaks.max() - peaks.min() > 6f
            }
            waitForIdle()
            onNodeWithText("● Running").assertExists()
            onNodeWithText("48.0 kHz").assertExists()
            onNodeWithText("xruns 0").assertExists()
            onNodeWithText("Stop").performClick()
            waitUntil(timeoutMillis = 10_000) { model.run.value == RunState.Stopped }
            waitForIdle()
            onNodeWithText("Start").assertExists()
        }
    }

    test("the input picker follows the backend's devices on Rescan, and the choice is what the model meters") {
        val backend = VirtualBackend(Pacing.Realtime, "screen-devices")
        backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        onScreen(backend) { model ->
            val picker = onNodeWithContentDescription("Input device")
            onNodeWithText(TestSignal.DEVICE_NAME).assertExists()
            onNodeWithText("sine").assertDoesNotExist()

            backend.addInput("sine", 2, 48_000, VirtualSource.sine(1000.0, 0.25f))
            onNodeWithText("Rescan").performClick()
            waitUntil(timeoutMillis = 10_000) { model.devices.value.any { it.name == "sine" } }
            picker.performClick()
            onNodeWithText("sine").performClick()
            waitForIdle()
            model.input.value?.name shouldBe "sine"
            onNodeWithText("Start").performClick()
            waitUntil(timeoutMillis = 10_000) { model.meters.value != null }
            val meter = onNodeWithContentDescription("Level meter")
            waitUntil(timeoutMillis = 10_000) { peakOf(meter.state()) != null }
            withClue("the meter shows the chosen device's -12 dBFS sine: ${meter.state()}") { peakOf(meter.state())!! shouldBe (-12.04f).plusOrMinus(0.3f) }
        }
    }

    test("moving the fader to -6 dB sets the model's gain and the audio the meters show drops by 6 dB") {
        val backend = VirtualBackend(Pacing.Realtime, "screen-fader")
        val sine = backend.addInput("sine", 2, 48_000, VirtualSource.sine(1000.0, 0.5f))
        backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        onScreen(backend) { model ->
            model.selectInput(sine)
            onNodeWithText("Start").performClick()
            val meter = onNodeWithContentDescription("Level meter")
            waitUntil(timeoutMillis = 10_000) { peakOf(meter.state())?.let { it > -6.5f } == true }
            val fader = onNodeWithContentDescription("Gain")
            fader.state() shouldBe "+0.0 dB"
            fader.performSemanticsAction(SemanticsActions.SetProgress) { it(FaderScale().positionOf(0.5f)) }
            waitForIdle()
            model.gain.value shouldBe (0.5f).plusOrMinus(0.001f)
            fader.state() shouldBe "-6.0 dB"
            withClue("the pipeline's gain operator reads the fader: the sine's -6 dBFS peak falls to about -12 dBFS") {
                waitUntil(timeoutMillis = 10_000) { peakOf(meter.state())?.let { it < -11.5f } == true }
                peakOf(meter.state())!! shouldBe (-12.04f).plusOrMinus(0.3f)
            }
            peakOf(meter.state())!! shouldBeGreaterThan -13f
        }
    }
    test("an xrun the backend reports while the stream runs shows in the status bar, in the alert colour") {
        val virtual = VirtualBackend(Pacing.Realtime, "screen-xruns")
        virtual.addInput("sine", 2, 48_000, VirtualSource.sine(1000.0, 0.25f))
        val backend = XrunBackend(virtual)
        onScreen(backend) { model ->
            onNodeWithText("Start").performClick()
            waitUntil(timeoutMillis = 10_000) { model.run.value == RunState.Running }
            waitForIdle()
            onNodeWithText("xruns 0").captureToImage().toAwtImage().let { countNear(it, AudioColors.Dark.alert) } shouldBe 0
            backend.reportXrun()
            waitUntil(timeoutMillis = 10_000) { model.status.value.xruns == 1L }
            waitForIdle()
            withClue("status ${model.status.value}") {
                onNodeWithText("xruns 1").captureToImage().toAwtImage().let { countNear(it, AudioColors.Dark.alert) } shouldBeGreaterThan 5
            }
            backend.reportXrun()
            waitUntil(timeoutMillis = 10_000) { model.status.value.xruns == 2L }
            waitForIdle()
            onNodeWithText("xruns 2").assertExists()
        }
    }
})

/** Pixels of [image] within a small distance of [color]. */
private fun countNear(image: BufferedImage, color: Color): Int {
    val argb = color.toArgb()
    var near = 0
    for (y in 0 until image.height) for (x in 0 until image.width) {
        val rgb = image.getRGB(x, y)
        val d = abs((rgb shr 16 and 0xFF) - (argb shr 16 and 0xFF)) + abs((rgb shr 8 and 0xFF) - (argb shr 8 and 0xFF)) + abs((rgb and 0xFF) - (argb and 0xFF))
        if (d < 60) near++
    }
    return near
}
