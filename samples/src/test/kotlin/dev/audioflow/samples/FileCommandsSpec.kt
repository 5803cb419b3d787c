package dev.audioflow.samples

import dev.audioflow.sndfile.AudioMetadata
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.sndfile.audioFile
import dev.audioflow.sndfile.audioFileInfo
import dev.audioflow.sndfile.writeAudioFile
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** What `soxi -t`, `-r`, `-c`, `-s` and `-e` say about [path]. */
private fun soxi(path: Path): Map<String, String> = listOf("t", "r", "c", "s", "e").associateWith { flag ->
    val p = ProcessBuilder("soxi", "-$flag", path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start()
    val out = p.inputStream.bufferedReader().readText().trim()
    p.waitFor(30, TimeUnit.SECONDS)
    withClue("soxi -$flag $path") { p.exitValue() shouldBe 0 }
    out
}

/** Peak of the file at [path], read through libsndfile. */
private fun peak(path: Path): Float = runBlocking { audioFile(path).toList() }.maxOf { b -> b.samples.maxOf { kotlin.math.abs(it) } }

/** `play`, `record`, `render`, `demo --out` in any format, and `convert`. */
class FileCommandsSpec : FunSpec({
    val dir = tempdir().toPath()

    // render defaults to float32, which AIFF holds as AIFF-C (soxi: aifc); FLAC, Vorbis and MP3 use their own defaults.
    test("render writes FLAC, Ogg Vorbis, MP3 and AIFF from the extension, with --format where it applies") {
        for ((name, expected) in listOf("r.flac" to "flac", "r.ogg" to "vorbis", "r.mp3" to "mp3", "r.aiff" to "aifc")) {
            val out = dir.resolve(name)
            cli("render", "--seconds", "1", "--out", out.toString()).shouldSucceed()
            val s = soxi(out)
            withClue(name) {
                s["t"] shouldBe expected
                s["r"] shouldBe "48000"
                s["c"] shouldBe "2"
                if (expected != "mp3") s["s"] shouldBe "48000"
                peak(out) shouldBeGreaterThan 0.05f
            }
        }
        val flac24 = dir.resolve("r24.flac")
        cli("render", "--seconds", "0.5", "--out", flac24.toString(), "--format", "int24").shouldSucceed()
        audioFileInfo(flac24).subtype shouldBe FileSubtype.PCM_24
    }

    test("record y.ogg and record to FLAC in 24 bits") {
        val ogg = dir.resolve("y.ogg")
        val result = cli("record", ogg.toString(), "--backend", "virtual", "--seconds", "0.5", "--channels", "1")
        result.shouldSucceed()
        result.err shouldContain "OGG vorbis to $ogg"
        result.out shouldContain "Recorded 24000 frames"
        audioFileInfo(ogg).frames shouldBe 24_000L
        soxi(ogg)["s"] shouldBe "24000"
        peak(ogg).toDouble() shouldBe (0.1 plusOrMinus 0.01)
        val flac = dir.resolve("y.flac")
        cli("record", flac.toString(), "--backend", "virtual", "--seconds", "0.5", "--format", "int24").shouldSucceed()
        audioFileInfo(flac).let {
            it.subtype shouldBe FileSubtype.PCM_24
            it.frames shouldBe 24_000L
        }
    }

    test("play x.flac (and Opus, and an MP3) to its end") {
        for (name in listOf("x.flac", "x.opus", "x.mp3")) {
            val file = dir.resolve(name)
            cli("render", "--seconds", "0.4", "--out", file.toString()).shouldSucceed()
            val result = cli("--backend", "virtual", "play", file.toString())
            withClue(name) {
                result.shouldSucceed()
                result.err shouldContain "Playing $file"
                result.out shouldContain "Played 0.4"
            }
        }
    }

    test("demo --out writes any format and reports it") {
        val out = dir.resolve("demo.opus")
        val result = cli("demo", "--backend", "virtual", "--seconds", "0.5", "--out", out.toString())
        result.shouldSucceed()
        result.out shouldContain "Wrote $out"
        result.out shouldContain "48000 Hz × 2 ch, OGG opus, peak"
        audioFileInfo(out).let {
            it.format shouldBe FileFormat.OGG
            it.subtype shouldBe FileSubtype.OPUS
            it.frames shouldBe 24_000L
        }
    }

    test("convert a.wav b.flac --rate 44100 resamples (libsoxr), keeps the encoding and the metadata") {
        val a = dir.resolve("a.wav")
        cli("render", "--seconds", "1", "--out", a.toString(), "--format", "int24").shouldSucceed()
        val b = dir.resolve("b.flac")
        val result = cli("convert", a.toString(), b.toString(), "--rate", "44100")
        result.shouldSucceed()
        result.err shouldContain "resampled by soxr (high)"
        result.out shouldContain "Converted $a to $b: 44100 frames"
        val s = soxi(b)
        s["t"] shouldBe "flac"
        s["r"] shouldBe "44100"
        s["s"] shouldBe "44100"
        audioFileInfo(b).subtype shouldBe FileSubtype.PCM_24
        peak(b) shouldBeGreaterThan 0.05f

        val tagged = dir.resolve("tagged.flac")
        runBlocking { audioFile(b).writeAudioFile(tagged, metadata = AudioMetadata(title = "Concert", artist = "Quartet")) }
        val ogg = dir.resolve("tagged.ogg")
        cli("convert", tagged.toString(), ogg.toString()).shouldSucceed()
        audioFileInfo(ogg).metadata.title shouldBe "Concert"
        val wav = dir.resolve("back.wav")
        cli("convert", ogg.toString(), wav.toString(), "--format", "float32", "--rate", "48000", "--quality", "very_high").shouldSucceed()
        validWav(wav).frames shouldBeInRange 47_990L..48_010L
    }

    test("convert explains what it cannot do: unknown extensions, Opus at 44.1 kHz, bad options") {
        val a = dir.resolve("src.wav")
        cli("render", "--seconds", "0.2", "--out", a.toString()).shouldSucceed()
        cli("convert", a.toString(), dir.resolve("out.xyz").toString()).let {
            it.exitCode shouldBe Cli.FAILURE
            it.err shouldContain "'.xyz'"
        }
        cli("convert", a.toString(), dir.resolve("out.opus").toString(), "--rate", "44100").let {
            it.exitCode shouldBe Cli.FAILURE
            it.err shouldContain "Opus takes 8, 12, 16, 24 or 48 kHz"
        }
        cli("convert", a.toString(), dir.resolve("out.wav").toString(), "--format", "pcm_13").let {
            it.exitCode shouldBe USAGE_EXIT
            it.err shouldContain "pcm_13"
        }
        cli("convert", dir.resolve("garbage.wav").also { java.nio.file.Files.write(it, ByteArray(300) { 7 }) }.toString(), dir.resolve("o.flac").toString()).let {
            it.exitCode shouldBe Cli.FAILURE
            it.err shouldContain "garbage.wav"
        }
    }
})
