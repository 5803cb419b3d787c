package dev.audioflow.sndfile

import dev.audioflow.AudioFormat
import dev.audioflow.flow.tee
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe

/**
 * How close a lossy codec must stay to a 1 kHz tone at -6 dBFS: everything else below this, in
 * dB (measured at their default settings: Vorbis -43 dB, Opus -44 to -48 dB, MP3 -62 dB).
 */
private fun lossyFloorDb(subtype: FileSubtype): Double = when (subtype) {
    FileSubtype.MPEG_LAYER_III -> -50.0
    else -> -35.0
}

/** Drops the first and last [edge] frames of interleaved [x] (codec start-up and tail). */
private fun middle(x: FloatArray, channels: Int, edge: Int): FloatArray = x.copyOfRange(edge * channels, x.size - edge * channels)

/**
 * Every format of the issue written by audioflow and read back by audioflow and by an outside
 * reader (sox, or opus-tools for Opus): exact samples for lossless encodings, a tolerance for
 * lossy ones.
 */
class RoundTripSpec : FunSpec({
    val dir = tempdir().toPath()
    val format = AudioFormat(48_000, 2)

    context("lossless: written by audioflow, read back exactly by audioflow and by sox") {
        withData(nameFn = { it.toString() }, CASES.filter { !it.lossy }) { case ->
            val path = dir.resolve("ll-${case.subtype}.${case.extension}")
            val frames = 24_001
            val x = testSamples(frames, 2)
            blocksOf(x, format, 777).writeAudioFile(path, case.format, case.subtype) shouldBe frames.toLong()
            val info = audioFileInfo(path)
            info.format shouldBe case.format
            info.subtype shouldBe case.subtype
            info.audioFormat shouldBe format
            info.frames shouldBe frames.toLong()
            val expected = quantized(x, case.subtype)
            shouldMatch(audioFile(path, blockFrames = 1_000).samples(), expected, 0f, "audioflow's reading of $case")
            // sox reads no ALAC (Debian 12's sox has no libavformat), and reads float W64 at
            // twice its level, clipped (its libsndfile-based w64 handler; PCM W64 is read right).
            if (case.subtype != FileSubtype.ALAC_16 && !(case.format == FileFormat.W64 && case.subtype == FileSubtype.FLOAT)) {
                soxiFrames(path) shouldBe frames.toLong()
                shouldMatch(soxSamples(path), expected, if (case.subtype == FileSubtype.PCM_32 || case.subtype.intBits == 0) 1e-6f else 0f, "sox's reading of $case")
            }
        }
    }

    context("lossy: a 1 kHz tone comes back at its level, the coding error below the codec's floor") {
        withData(nameFn = { it.toString() }, CASES.filter { it.lossy }) { case ->
            val path = dir.resolve("lossy-${case.subtype}.${case.extension}")
            val frames = 96_000
            blocksOf(toneSamples(frames, 2, 48_000), format).writeAudioFile(path, case.format, case.subtype) shouldBe frames.toLong()
            val info = audioFileInfo(path)
            info.format shouldBe case.format
            info.subtype shouldBe case.subtype
            info.audioFormat shouldBe format
            info.frames shouldBeInRange frames - 2_304L..frames + 2_304L
            val ours = audioFile(path).samples()
            val outside = if (case.subtype == FileSubtype.OPUS) opusdecSamples(path) else soxSamples(path)
            for ((reader, y) in listOf("audioflow" to ours, "outside reader" to outside)) {
                for (c in 0 until 2) {
                    val (amplitude, rest) = toneFit(channel(middle(y, 2, 4_800), 2, c), 1_000.0, 48_000)
                    println("$case, $reader, channel $c: amplitude $amplitude, everything else at ${"%.1f".format(rest)} dB")
                    withClue("$reader, channel $c") {
                        amplitude shouldBe (0.5 plusOrMinus 0.02)
                        rest shouldBeLessThan lossyFloorDb(case.subtype)
                    }
                }
            }
            if (case.subtype != FileSubtype.MPEG_LAYER_III) ours.size shouldBe frames * 2
        }
    }

    test("blocks from a tee reach the file while the main flow goes on") {
        val path = dir.resolve("tee.flac")
        val x = testSamples(10_000, 2)
        val passed = blocksOf(x, format, 512).tee { it.writeAudioFile(path) }.samples()
        passed.size shouldBe x.size
        audioFile(path).samples() shouldBe quantized(x, FileSubtype.PCM_16)
    }
})
