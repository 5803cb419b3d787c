package dev.audioflow.sndfile

import dev.audioflow.AudioFormat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe

/** A file an outside tool writes: its extension, the tool's encoding options, and what audioflow must see. */
private data class Written(val extension: String, val options: List<String>, val format: FileFormat, val subtype: FileSubtype) {
    override fun toString(): String = "$format/$subtype by ${if (extension == "opus") "opusenc" else "sox"}"
}

private val LOSSLESS = listOf(
    Written("wav", listOf("-b", "8", "-e", "unsigned-integer"), FileFormat.WAV, FileSubtype.PCM_U8),
    Written("wav", listOf("-b", "16", "-e", "signed-integer"), FileFormat.WAV, FileSubtype.PCM_16),
    // sox writes 24-bit WAV with a WAVE_FORMAT_EXTENSIBLE header, which libsndfile reports as WAVEX.
    Written("wav", listOf("-b", "24", "-e", "signed-integer"), FileFormat.WAVEX, FileSubtype.PCM_24),
    Written("wav", listOf("-b", "32", "-e", "floating-point"), FileFormat.WAV, FileSubtype.FLOAT),
    Written("aiff", listOf("-b", "16", "-e", "signed-integer"), FileFormat.AIFF, FileSubtype.PCM_16),
    Written("aiff", listOf("-b", "24", "-e", "signed-integer"), FileFormat.AIFF, FileSubtype.PCM_24),
    Written("au", listOf("-b", "16", "-e", "signed-integer"), FileFormat.AU, FileSubtype.PCM_16),
    Written("w64", listOf("-b", "24", "-e", "signed-integer"), FileFormat.W64, FileSubtype.PCM_24),
    Written("caf", listOf("-b", "16", "-e", "signed-integer"), FileFormat.CAF, FileSubtype.PCM_16),
    Written("flac", listOf("-b", "16"), FileFormat.FLAC, FileSubtype.PCM_16),
    Written("flac", listOf("-b", "24"), FileFormat.FLAC, FileSubtype.PCM_24),
)

private val LOSSY = listOf(
    Written("ogg", emptyList(), FileFormat.OGG, FileSubtype.VORBIS),
    Written("mp3", emptyList(), FileFormat.MP3, FileSubtype.MPEG_LAYER_III),
    Written("opus", emptyList(), FileFormat.OGG, FileSubtype.OPUS),
)

/** One LSB of [subtype] (0 for floats, where sox's 32-bit integer path keeps 2^-31). */
private fun lsb(subtype: FileSubtype): Float = if (subtype.intBits == 0) 1e-6f else 1f / (1L shl (subtype.intBits - 1))

/** Files written by sox (and opusenc for Opus; sox has no Opus writer in Debian 12, nor an RF64 one) are read by audioflow. */
class SoxWrittenSpec : FunSpec({
    val dir = tempdir().toPath()

    context("lossless files sox wrote read back with sox's sample values") {
        withData(nameFn = { it.toString() }, LOSSLESS) { w ->
            val frames = 20_001
            val x = testSamples(frames, 2)
            val raw = dir.resolve("src-${w.subtype}.f32").also { writeFloats(it, x) }
            val path = dir.resolve("sox-${w.subtype}.${w.extension}")
            run("sox", "-D", "-t", "raw", "-r", "44100", "-e", "floating-point", "-b", "32", "-c", "2", "-L", raw.toString(), *w.options.toTypedArray(), path.toString())
            val info = audioFileInfo(path)
            info.format shouldBe w.format
            info.subtype shouldBe w.subtype
            info.audioFormat shouldBe AudioFormat(44_100, 2)
            info.frames shouldBe frames.toLong()
            val ours = audioFile(path, blockFrames = 4_000).samples()
            shouldMatch(ours, x, lsb(w.subtype) * 1.01f, "audioflow's reading of the sox file")
            shouldMatch(ours, soxSamples(path), lsb(w.subtype) * 0.01f, "audioflow vs sox reading the same file")
        }
    }

    context("lossy files written by the outside encoders hold the tone") {
        withData(nameFn = { it.toString() }, LOSSY) { w ->
            val frames = 96_000
            val wav = dir.resolve("tone-${w.subtype}.wav")
            blocksOf(toneSamples(frames, 2, 48_000), AudioFormat(48_000, 2)).writeAudioFile(wav, FileFormat.WAV, FileSubtype.FLOAT)
            val path = dir.resolve("tone-${w.subtype}.${w.extension}")
            if (w.extension == "opus") run("opusenc", "--quiet", wav.toString(), path.toString()) else run("sox", wav.toString(), path.toString())
            val info = audioFileInfo(path)
            info.format shouldBe w.format
            info.subtype shouldBe w.subtype
            val y = audioFile(path).samples()
            // Decoded by another decoder (sox or opusdec): the same tone, level and floor.
            val reference = if (w.extension == "opus") opusdecSamples(path) else soxSamples(path)
            for (c in 0 until 2) {
                val (amplitude, rest) = toneFit(channel(y, 2, c).let { it.copyOfRange(4_800, it.size - 4_800) }, 1_000.0, 48_000)
                val (theirs, theirRest) = toneFit(channel(reference, 2, c).let { it.copyOfRange(4_800, it.size - 4_800) }, 1_000.0, 48_000)
                withClue("channel $c") {
                    // sox's LAME settings leave the tone 0.45 dB low, in its own decoding too.
                    amplitude shouldBe (0.5 plusOrMinus 0.04)
                    amplitude shouldBe (theirs plusOrMinus 0.002)
                    rest shouldBeLessThan -30.0
                    rest shouldBe (theirRest plusOrMinus 3.0)
                }
            }
        }
    }
})
