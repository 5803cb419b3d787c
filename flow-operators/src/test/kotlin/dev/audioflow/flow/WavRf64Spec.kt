package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.onEach
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The four bytes at [offset] of the file at [path], as ASCII. */
fun fourCCAt(path: Path, offset: Int): String = String(Files.readAllBytes(path), offset, 4, Charsets.US_ASCII)

/**
 * `soxi -s`: the sample (frame) count sox reads from the header at [path]. (sox warns "wave
 * header missing extended part of fmt chunk" on stderr for RF64 files with a
 * WAVE_FORMAT_EXTENSIBLE header, and reads them right.)
 */
fun soxiFrames(path: Path): Long {
    val process = ProcessBuilder("soxi", "-s", path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start()
    val output = process.inputStream.bufferedReader().readText()
    process.waitFor(60, TimeUnit.SECONDS)
    withClue("soxi -s $path: $output") { process.exitValue() shouldBe 0 }
    return output.trim().toLong()
}

/** sox's reading of [path] as interleaved float32 samples. */
fun soxSamples(path: Path, dir: Path): FloatArray {
    val raw = dir.resolve("${path.fileName}.raw")
    val process = ProcessBuilder("sox", path.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString()).redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    process.waitFor(60, TimeUnit.SECONDS)
    withClue("sox $path: $output") { process.exitValue() shouldBe 0 }
    val b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN)
    return FloatArray(b.remaining() / 4) { b.getFloat() }
}

/**
 * The switch to RF64 past the RIFF limit, with the limit injected (a few kB instead of 4 GiB);
 * `benchmarks/wav-rf64` writes past the real one once.
 */
class WavRf64Spec : FunSpec({
    val dir = tempdir().toPath()

    test("a file under the limit stays RIFF and carries the JUNK chunk reserved for RF64") {
        val path = dir.resolve("small.wav")
        testFlow(2_000, AudioFormat(48_000, 2), 256).writeWav(path, SampleFormat.INT16, null, 1_000_000L)
        fourCCAt(path, 0) shouldBe "RIFF"
        fourCCAt(path, 12) shouldBe "JUNK"
        wavInfo(path).rf64 shouldBe false
        soxiFrames(path) shouldBe 2_000L
    }

    context("past the limit the file turns RF64 and reads back exactly, with us and with sox") {
        withData(nameFn = { (f, ch) -> "$f × $ch ch" }, listOf(SampleFormat.INT16 to 2, SampleFormat.INT24 to 6, SampleFormat.UINT8 to 1, SampleFormat.FLOAT32 to 3)) { (sampleFormat, channels) ->
            val path = dir.resolve("long-$sampleFormat-$channels.wav")
            // An odd frame count of 8-bit mono data makes the data chunk odd, with a pad byte.
            val frames = 30_001
            val format = AudioFormat(48_000, channels)
            testFlow(frames, format, 1000).writeWav(path, sampleFormat, null, 20_000L) shouldBe frames.toLong()
            fourCCAt(path, 0) shouldBe "RF64"
            fourCCAt(path, 12) shouldBe "ds64"
            val info = wavInfo(path)
            info.rf64 shouldBe true
            info.frames shouldBe frames.toLong()
            val header = ByteBuffer.wrap(Files.readAllBytes(path), 0, 48).order(ByteOrder.LITTLE_ENDIAN)
            header.getInt(4) shouldBe -1
            header.getLong(20) shouldBe Files.size(path) - 8
            header.getLong(28) shouldBe frames.toLong() * info.blockAlign
            header.getLong(36) shouldBe frames.toLong()
            val expected = sampleFormat.decode(sampleFormat.encode(testSamples(frames, channels)))
            samplesOf(wavFile(path, 777).collectBlocking()) shouldBe expected
            soxiFrames(path) shouldBe frames.toLong()
            val bySox = soxSamples(path, dir)
            bySox.size shouldBe expected.size
            for (i in expected.indices) bySox[i].shouldBeNear(expected[i], 1e-6f)
        }
    }

    test("the header is valid at every flush, across the switch") {
        val path = dir.resolve("growing.wav")
        var checked = 0
        var sawRiff = false
        var written = 0L
        testFlow(200_000, AudioFormat(48_000, 2), 4_096)
            .onEach { block ->
                if (Files.exists(path) && Files.size(path) > 0) {
                    val info = wavInfo(path)
                    info.frames shouldBeLessThanOrEqual written
                    if (!info.rf64) sawRiff = true
                    checked++
                }
                written += block.frames
            }
            .writeWav(path, SampleFormat.INT16, null, 300_000L)
        sawRiff shouldBe true
        checked.toLong() shouldBeGreaterThan 40L
        wavInfo(path).rf64 shouldBe true
        wavInfo(path).frames shouldBe 200_000L
    }
})
