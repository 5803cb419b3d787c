package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.options.required
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.path
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioFormat
import dev.audioflow.sndfile.FileSubtype
import kotlinx.coroutines.flow.onEach
import java.util.Locale
import java.util.concurrent.atomic.AtomicLong

/** `audioflow render`: the demo graph rendered offline, as fast as the CPU allows. */
class RenderCommand : AudioCommand("render") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Length to render (default 8)").double().restrictTo(0.01..86_400.0).default(8.0)
    private val out by option("--out", "-o", metavar = "FILE", help = "The file to write: .wav, .flac, .ogg, .opus, .mp3, .aiff, .caf...").path().required()
    private val sampleFormat by fileFormatOption("float32")
    private val type by fileTypeOption()

    override fun help(context: Context): String =
        "Render the demo graph offline (unpaced, no device) to an audio file and print the realtime factor."

    override fun execute() {
        val rate = audio.rate ?: 48_000
        val file = AudioFileTarget(out.toAbsolutePath(), sampleFormat, FileSubtype.FLOAT, type)
        val format = AudioFormat(rate, 2)
        file.check(format)
        val frames = AtomicLong()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { frames.get().toDouble() / rate })
        val target = out.toAbsolutePath()
        val start = System.nanoTime()
        val written = runInterruptible {
            dashboard.start(this)
            try {
                DemoGraph.build(seconds, rate, audio.blockSize.nominalFrames)
                    .onEach {
                        summary.add(it)
                        frames.addAndGet(it.frames.toLong())
                    }
                    .let { file.write(it, format) }
            } finally {
                dashboard.stop()
            }
        }
        val wall = (System.nanoTime() - start) / 1e9
        val audioSeconds = written.toDouble() / rate
        console.println("Rendered $target")
        console.println(
            String.format(
                Locale.ROOT, "  %s of audio in %.3f s: realtime factor %.1fx; %s",
                Render.seconds(audioSeconds), wall, audioSeconds / wall, summary.levelsText(),
            ),
        )
    }
}
