package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.path
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.input
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.onEach
import kotlin.time.Duration.Companion.seconds

/**
 * `audioflow record OUT`: records the input device to an audio file in the format its extension
 * says. A WAV file is valid at every moment; Ctrl-C stops the recording and keeps every frame
 * received, in every format.
 */
class RecordCommand : AudioCommand("record") {
    private val out by argument("OUT", help = "The file to write: .wav (RF64 past 4 GiB), .flac, .ogg, .opus, .mp3, .aiff, .caf...").path(canBeDir = false)
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Duration in seconds (default: until Ctrl-C)").double().restrictTo(0.001..1e7)
    private val channels by option("--channels", "-c", metavar = "N", help = "Channels to record (default: up to 2)").int().restrictTo(1..1024)
    private val sampleFormat by fileFormatOption("int16")
    private val type by fileTypeOption()

    override fun help(context: Context): String =
        "Record the input device to an audio file (any format libsndfile writes), with progress and meters; Ctrl-C stops and keeps what was recorded."

    override fun execute() {
        val file = AudioFileTarget(out.toAbsolutePath(), sampleFormat, FileSubtype.PCM_16, type)
        val device = audio.inputDevice()
        val config = audio.config(device, channels ?: defaultChannels(device.maxInputChannels))
        file.check(config.format)
        val rate = config.format.sampleRate
        val monitor = StreamMonitor()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesIn.toDouble() / rate })
        val target = out.toAbsolutePath()
        console.note("Recording '${device.name}' (${device.backend.name}), ${config.format}, ${file.describe(config.format)} to $target" + if (seconds == null) "; Ctrl-C stops" else "")
        runInterruptible {
            dashboard.start(this)
            try {
                val input = device.input(config, monitor)
                (seconds?.let { input.takeDuration(it.seconds) } ?: input)
                    .onEach { summary.add(it) }
                    .meter(dashboard.levels, rate / 20)
                    .let { file.write(it, config.format) }
            } catch (e: CancellationException) {
                dashboard.stop()
                console.println("Interrupted: kept ${summary.frames} frames (${Render.seconds(summary.seconds)}) in $target")
                throw e
            } finally {
                dashboard.stop()
            }
        }
        val stats = monitor.stats.value
        console.println("Recorded ${summary.frames} frames (${Render.seconds(summary.seconds)}) to $target: ${summary.levelsText()}, ${stats.inputOverflows} overflow(s), ${stats.droppedFrames} dropped frame(s)")
    }
}
