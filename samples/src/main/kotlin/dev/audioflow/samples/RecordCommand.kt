package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.path
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioException
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.failWhenSilent
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.input
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.onEach
import java.io.IOException
import kotlin.time.Duration.Companion.seconds

/**
 * `audioflow record OUT`: records the input device to an audio file in the format its extension
 * (or `--type`) says. A WAV file is valid at every moment; Ctrl-C stops the recording and keeps
 * every frame received, in every format. An existing file is replaced only when the first frame
 * arrives (see [RecordingFile]): a recording that fails before (a bad option, a device that
 * cannot record) leaves it as it was.
 */
class RecordCommand : AudioCommand("record") {
    private val out by argument("OUT", help = "The file to write: .wav (RF64 past 4 GiB), .flac, .ogg, .opus, .mp3, .aiff, .caf... (an existing one is replaced when the first frame arrives)").path(canBeDir = false)
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Duration in seconds (default: until Ctrl-C)").double().restrictTo(0.001..1e7)
    private val channels by option("--channels", "-c", metavar = "N", help = "Channels to record (default: up to 2)").int().restrictTo(1..1024)
    private val silentSeconds by option(
        "--fail-when-silent", metavar = "S",
        help = "End with an error once every channel has been silent (exact zeros) for S seconds or no audio came for that long: a lost source, such as a cut netjack2 link (the file keeps what arrived)",
    ).double().restrictTo(0.001..1e6)
    private val sampleFormat by fileFormatOption("int16")
    private val type by fileTypeOption()

    override fun help(context: Context): String =
        "Record the input device to an audio file (any format libsndfile writes), with progress and meters; Ctrl-C stops and keeps what was recorded."

    override fun execute() {
        val target = out.toAbsolutePath()
        val output = AudioFileTarget(target, sampleFormat, FileSubtype.PCM_16, type)
        val file = RecordingFile(output)
        file.checkWritable()
        val device = audio.inputDevice()
        val config = audio.config(device, channels ?: defaultChannels(device.maxInputChannels))
        output.check(config.format)
        val rate = config.format.sampleRate
        val monitor = StreamMonitor()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesIn.toDouble() / rate })
        val banner = "Recording '${device.name}' (${device.backend.name}), ${config.format}, ${output.describe(config.format)} to $target" + if (seconds == null) "; Ctrl-C stops" else ""
        val limit = seconds?.let { WallLimit(it, config.nominalBlockFrames.toDouble() / rate, { summary.seconds }) {} }
        try {
            runInterruptible(limit) {
                val announced = announceWhenOpen(console, monitor, banner)
                dashboard.start(this)
                try {
                    val input = device.input(config, monitor)
                    (seconds?.let { input.takeDuration(it.seconds) } ?: input)
                        .let { blocks -> silentSeconds?.let { blocks.failWhenSilent(it.seconds) } ?: blocks }
                        .onEach { file.onFrame() }
                        .onEach { summary.add(it) }
                        .meter(dashboard.levels, rate / 20)
                        .let { output.write(it, config.format, into = file.temporary) }
                } catch (e: CancellationException) {
                    // Ctrl-C: the JVM exits once this work ends, so the file is settled and reported here.
                    dashboard.stop()
                    val kept = file.finish()
                    if (limit?.reached != true) console.println("Interrupted: " + keptText(kept, rate, target))
                    throw e
                } catch (e: AudioException) {
                    throw (e.cause as? IOException)?.let { CommandFailure("cannot write $target: ${FileErrors.reason(it)}") } ?: e
                } finally {
                    announced.cancel()
                    dashboard.stop()
                }
            }
        } catch (e: Exception) {
            if (e !is InterruptedBySignal) {
                // The first failure is the one to report; a file that cannot be finished after it is noted with it.
                val kept = try {
                    file.finish()
                } catch (f: CommandFailure) {
                    e.addSuppressed(f)
                    0L
                }
                if (kept > 0) console.println(keptText(kept, rate, target).replaceFirstChar { it.uppercase() })
            }
            throw e
        }
        val kept = file.finish()
        val stats = monitor.stats.value
        if (kept == 0L) {
            console.println("Recorded no frames; $target was left as it was")
            return
        }
        console.println("Recorded ${summary.frames} frames (${Render.seconds(summary.seconds)}) to $target: ${summary.levelsText()}, ${stats.inputOverflows} overflow(s), ${stats.droppedFrames} dropped frame(s)")
    }

    private fun keptText(frames: Long, rate: Int, target: java.nio.file.Path): String =
        if (frames == 0L) "no frames had arrived; $target was left as it was" else "kept $frames frames (${Render.seconds(frames.toDouble() / rate)}) in $target"
}
