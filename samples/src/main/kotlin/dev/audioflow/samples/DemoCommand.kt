package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.path
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioBackends
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.meter
import dev.audioflow.flow.tee
import dev.audioflow.flow.toMono
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.playOn
import kotlinx.coroutines.flow.onEach
import java.nio.file.Path
import kotlin.time.DurationUnit

/**
 * `audioflow demo`: plays the demo music on the default output device while writing it to
 * `demo.wav`. Without sound hardware the device is the virtual backend's output, which keeps
 * real-time pace but is silent, so the file is the result.
 */
class DemoCommand : AudioCommand("demo") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Length of the demo (default 8)").double().restrictTo(0.5..600.0).default(8.0)
    private val out by option("--out", "-o", metavar = "FILE", help = "Where to write it (default demo.wav; .flac, .ogg, .opus, .mp3, .aiff, .caf... too)").path().default(Path.of("demo.wav"))
    private val sampleFormat by fileFormatOption("int16")
    private val type by fileTypeOption()

    override fun help(context: Context): String =
        "Play a short piece (generators, gain ramps, mix, pan) on the default output and write it to demo.wav (or --out in any format), with live meters."

    override fun execute() {
        val device = audio.outputDevice()
        val silent = device.backend.name == AudioBackends.VIRTUAL
        val rate = audio.rate ?: if (silent) 48_000 else device.defaultSampleRate
        val deviceChannels = defaultChannels(device.maxOutputChannels)
        val config = audio.config(device, deviceChannels).copy(format = dev.audioflow.AudioFormat(rate, deviceChannels))
        val fileFormat = dev.audioflow.AudioFormat(rate, 2)
        val file = AudioFileTarget(out.toAbsolutePath(), sampleFormat, FileSubtype.PCM_16, type)
        file.check(fileFormat)
        val monitor = StreamMonitor()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesOut.toDouble() / rate })
        val target = out.toAbsolutePath()
        console.note(
            if (silent) "No sound hardware in use: rendering on the virtual output '${device.name}' (real-time pace, silent) into $target"
            else "Playing on '${device.name}' (${device.backend.name}) and writing $target",
        )
        runInterruptible {
            dashboard.start(this)
            try {
                val music = DemoGraph.build(seconds, rate, config.nominalBlockFrames)
                    .onEach { summary.add(it) }
                    .tee { file.write(it, fileFormat) }
                    .meter(dashboard.levels, rate / 20)
                (if (deviceChannels == 1) music.toMono() else music).playOn(device, config, monitor)
            } finally {
                dashboard.stop()
            }
        }
        val written = AudioFileSource(target)
        console.println("Wrote $target")
        console.println("  ${Render.seconds(written.duration.toDouble(DurationUnit.SECONDS))}, ${written.format}, ${file.describe(fileFormat)}, ${summary.levelsText()}")
        console.println(
            if (silent) "  Rendered through the virtual backend (no sound hardware); play the file with: ./audioflow play ${out}"
            else "  Played on '${device.name}' (${device.backend.name}), ${monitor.stats.value.outputUnderflows} underflow(s)",
        )
    }
}
