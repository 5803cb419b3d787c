package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.enum
import com.github.ajalt.clikt.parameters.types.path
import dev.audioflow.flow.resample
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resamplers
import kotlinx.coroutines.flow.onEach
import java.util.Locale
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.DurationUnit

/**
 * `audioflow convert IN OUT [--rate HZ] [--format F] [--type T] [--quality Q]`: reads any file
 * libsndfile reads, resamples it with the best resampler available (libsoxr when installed, else
 * the hand-written polyphase one) when `--rate` differs, and writes it in the format OUT's
 * extension says, keeping what metadata that format holds. Streams: memory does not grow with
 * the file. A progress bar on a terminal.
 */
class ConvertCommand : AudioCommand("convert") {
    private val input by argument("IN", help = "The file to read (any format libsndfile reads)").path(mustExist = true, canBeDir = false, mustBeReadable = true)
    private val output by argument("OUT", help = "The file to write; its extension gives the format (.wav, .flac, .ogg, .opus, .mp3, .aiff, .caf, .rf64, .w64, .au...)").path(canBeDir = false)
    private val sampleFormat by fileFormatOption("the input's own encoding")
    private val type by fileTypeOption()
    private val quality by option("--quality", metavar = "quick|low|medium|high|very_high", help = "Resampling quality with --rate (default high)")
        .enum<ResampleQuality> { it.name.lowercase() }
        .default(ResampleQuality.HIGH)

    override fun help(context: Context): String =
        "Convert an audio file to another format, sample rate (--rate, resampled with libsoxr when installed) or encoding (--format), with a progress bar."

    override fun execute() {
        val source = AudioFileSource(input)
        val rate = audio.rate ?: source.format.sampleRate
        val outFormat = source.format.copy(sampleRate = rate)
        val file = AudioFileTarget(output.toAbsolutePath(), sampleFormat, encodingOf(source), type)
        file.check(outFormat)
        val resampler = if (rate != source.format.sampleRate) Resamplers.best() else null
        val seconds = source.duration.toDouble(DurationUnit.SECONDS)
        val read = AtomicLong()
        val dashboard = Dashboard(console, seconds, { read.get().toDouble() / source.format.sampleRate })
        console.note(
            "Converting $input (${source.description}, ${source.format}, ${Render.seconds(seconds)}) to ${file.path} (${file.describe(outFormat)}, $outFormat)" +
                (resampler?.let { ", resampled by ${it.name} (${quality.name.lowercase()})" } ?: ""),
        )
        val start = System.nanoTime()
        val written = runInterruptible {
            dashboard.start(this)
            try {
                val blocks = source.blocks().onEach { read.addAndGet(it.frames.toLong()) }
                file.write(if (resampler != null) blocks.resample(rate, quality, resampler) else blocks, outFormat, source.metadata)
            } finally {
                dashboard.stop()
            }
        }
        val wall = (System.nanoTime() - start) / 1e9
        console.println(
            String.format(
                Locale.ROOT, "Converted %s to %s: %d frames (%s) of %s, %s in %.3f s",
                input, file.path, written, Render.seconds(outFormat.durationOf(written).toDouble(DurationUnit.SECONDS)), outFormat, file.describe(outFormat), wall,
            ),
        )
    }

    /** The input's encoding, kept when `--format` is not given and the output's format holds it; lossy inputs become 16-bit PCM. */
    private fun encodingOf(source: AudioFileSource): FileSubtype =
        if (source.subtype.lossy) FileSubtype.PCM_16 else source.subtype
}
