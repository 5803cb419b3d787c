package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.path
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.findDevice
import dev.audioflow.samples.ui.AudioWindow
import dev.audioflow.samples.ui.LiveAudioModel
import dev.audioflow.samples.ui.PipelineOptions
import dev.audioflow.samples.ui.UiReport
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.swing.Swing
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.awt.GraphicsEnvironment
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO
import kotlin.time.Duration.Companion.seconds

/**
 * `audioflow ui`: a Compose for Desktop window with device pickers, start/stop, level meters, an
 * oscilloscope, a gain fader and a status bar (`audioflow-compose`'s composables), all driven by
 * the [LiveAudioModel]'s `StateFlow`s. Closing the window closes every stream.
 */
class UiCommand : AudioCommand("ui") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Close the window by itself S seconds after it shows").double().restrictTo(0.1..1e9)
    private val outputQuery by option("--output", "-o", metavar = "ID|NAME|none", help = "Output device (default: none on sound hardware, so a microphone never feeds the speakers; the virtual output on the virtual backend)")
    private val screenshot by option("--screenshot", metavar = "FILE", help = "Save a PNG of the window just before it closes (by --seconds or by hand)").path()
    private val report by option("--report", metavar = "FILE", help = "Write a JSON summary (what was displayed, stream counters, leftovers) after closing").path()

    override fun help(context: Context): String =
        "Open a window with live level meters, an oscilloscope, a gain fader and stream status (on the virtual backend: a built-in test signal)."

    override fun execute() {
        if (GraphicsEnvironment.isHeadless()) {
            throw CommandFailure("no display to open a window on (DISPLAY is not set); run it in a desktop session, or under Xvfb: xvfb-run ./audioflow ui")
        }
        val backend = audio.backend
        val model = LiveAudioModel(backend, PipelineOptions(audio.rate, audio.blockSize, audio.latency))
        val before = if (report != null) Thread.getAllStackTraces().keys else emptySet()
        var window: AudioWindow? = null
        var meterBounds: java.awt.Rectangle? = null
        var saved: Path? = null
        val lastWords: (AudioWindow) -> Unit = { closing ->
            meterBounds = closing.meterBoundsInSnapshot()
            screenshot?.let { file ->
                try {
                    ImageIO.write(closing.snapshot(), "png", file.toFile())
                    saved = file
                } catch (e: java.io.IOException) {
                    console.note("audioflow: could not save the screenshot to $file: ${e.message}")
                }
            }
        }
        runInterruptible {
            try {
                model.refreshDevices().join()
                audio.deviceQuery?.let { model.selectInput(backend.findDevice(it)) }
                outputQuery?.let { query -> model.selectOutput(if (query.equals("none", ignoreCase = true)) null else backend.findDevice(query)) }
                val opened = withContext(Dispatchers.Swing) {
                    try {
                        AudioWindow(model, "audioflow — ${backend.name}", lastWords).also { it.open() }
                    } catch (e: java.awt.AWTError) {
                        throw CommandFailure("cannot open a window: ${e.message}")
                    } catch (e: java.awt.HeadlessException) {
                        throw CommandFailure("cannot open a window: no display")
                    }
                }
                window = opened
                // The --seconds timer and the audio start once the window shows, so a slow
                // Compose start-up does not eat the time the window is asked to stay open.
                withTimeoutOrNull(SHOW_TIMEOUT_MILLIS) { opened.awaitShown() }
                console.note("Window open on ${backend.name}: input '${model.input.value?.name}', output '${model.output.value?.name ?: "none"}'" + (seconds?.let { "; closing after $it s" } ?: "; close the window to stop"))
                model.start()
                val limit = seconds
                if (limit == null) opened.awaitClosed() else withTimeoutOrNull(limit.seconds) { opened.awaitClosed() }
            } finally {
                // However the wait ended (closed, timed out, Ctrl-C), the window and every
                // stream close here, before the JVM may exit.
                withContext(NonCancellable) {
                    withTimeoutOrNull(GRACE_MILLIS) { withContext(Dispatchers.Swing) { window?.close() } }
                    model.closeAndJoin()
                }
            }
        }
        console.println(
            "Closed: ${model.status.value.framesIn} frames metered, xruns ${model.status.value.xruns}, " +
                "overflows ${model.status.value.overflows}, underflows ${model.status.value.underflows}" + (saved?.let { "; screenshot $it" } ?: ""),
        )
        report?.let { file ->
            val leftovers = settledThreads(before)
            val text = UiReport(
                backend = backend.name,
                input = model.input.value?.name,
                output = model.output.value?.name,
                observations = window?.observations ?: dev.audioflow.samples.ui.UiObservations(),
                lastStatus = model.status.value,
                finalRun = model.run.value,
                modelStopped = model.isClosed,
                viewStopped = window?.isViewStopped ?: true,
                meterBounds = meterBounds,
                screenshot = saved?.toString(),
                leftoverThreads = leftovers,
            ).toJson()
            Files.writeString(file, text + "\n")
        }
    }

    /** Audioflow threads still alive after closing, given a moment to end (native threads exit after their stream closed). */
    private fun settledThreads(before: Set<Thread>): List<String> {
        var left = UiReport.audioflowThreads(before)
        val deadline = System.nanoTime() + 2_000_000_000L
        while (left.isNotEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50)
            left = UiReport.audioflowThreads(before)
        }
        return left
    }
}

/** How long `ui` waits for the window's first frame before it starts the audio and the timer anyway. */
private const val SHOW_TIMEOUT_MILLIS = 30_000L
