package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

/** The offset of the first chunk [id] of the WAV file [bytes] (a plain scan, for building test files). */
private fun chunkAt(bytes: ByteArray, id: String): Int = String(bytes, Charsets.ISO_8859_1).indexOf(id, 12).also { check(it > 0) { "no '$id' chunk" } }

private fun ByteArray.putLe32(offset: Int, value: Int) = ByteBuffer.wrap(this).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value)

private fun ByteArray.putLe64(offset: Int, value: Long) = ByteBuffer.wrap(this).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value)

/**
 * Regressions from fuzzing the WAV reader and repairWav (WavReaderFuzzTest, WavRepairFuzzTest; the
 * inputs that found them are in their seed corpus): the headers are built by hand from a file
 * that writeWav turned RF64 (a `ds64` chunk at byte 12, then `fmt `, then `data` marked 0xFFFFFFFF).
 */
class WavFuzzFindingsSpec : FunSpec({
    val dir = tempdir().toPath()
    val frames = 300L

    /** A 300-frame mono INT16 RF64 file, as its bytes. */
    suspend fun rf64(): ByteArray {
        val path = dir.resolve("rf64-source.wav")
        testFlow(frames.toInt(), AudioFormat(48_000, 1), 100).writeWav(path, SampleFormat.INT16, null, 100L)
        return Files.readAllBytes(path).also { check(String(it, 0, 4, Charsets.US_ASCII) == "RF64") }
    }

    fun file(name: String, bytes: ByteArray): Path = dir.resolve(name).also { Files.write(it, bytes) }

    test("found by Jazzer: repairWav of an RF64 file whose data chunk keeps a stale 32-bit size recovers every frame, once") {
        val bytes = rf64()
        // A stale size in place of the RF64 marker: the reader trusts it, so the file reads empty.
        bytes.putLe32(chunkAt(bytes, "data") + 4, 0)
        val path = file("stale-data-size.wav", bytes)
        wavInfo(path).frames shouldBe 0L
        // Before the fix the repair fixed ds64 only, so the file still read empty, and a second
        // repair then took the 0 as right and undid the first.
        val repair = repairWav(path)
        repair.repaired shouldBe true
        repair.info.frames shouldBe frames
        wavInfo(path).frames shouldBe frames
        repairWav(path).repaired shouldBe false
    }

    test("a ds64 data size near 2^63 is an AudioException naming it, not an overflow") {
        val bytes = rf64()
        val huge = Long.MAX_VALUE - 7
        bytes.putLe64(chunkAt(bytes, "ds64") + 16, huge)
        val path = file("huge-ds64.wav", bytes)
        // Before the fix the offset plus the size overflowed: wavInfo accepted 4.6e18 frames and
        // repairWav threw IllegalArgumentException (a read at a negative position).
        shouldThrow<AudioException> { wavInfo(path) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "$huge"
            it.message shouldContain "huge-ds64.wav"
        }
        val repair = repairWav(path)
        repair.info.frames shouldBe frames
        samplesOf(wavFile(path).collectBlocking()).size shouldBe frames.toInt()
    }

    test("repairWav writes the sizes into the ds64 chunk wherever it is, never over the fmt chunk") {
        val source = rf64()
        val ds64 = chunkAt(source, "ds64")
        val fmt = chunkAt(source, "fmt ")
        val data = chunkAt(source, "data")
        // Move ds64 after fmt (wavInfo reads it anywhere before data), with a stale data size.
        val moved = source.copyOfRange(0, 12) + source.copyOfRange(fmt, data) + source.copyOfRange(ds64, fmt) + source.copyOfRange(data, source.size)
        moved.putLe64(chunkAt(moved, "ds64") + 16, 20)
        val path = file("ds64-after-fmt.wav", moved)
        wavInfo(path).frames shouldBe 10L
        // Before the fix the sizes went to bytes 20..47 whatever was there: here the fmt chunk.
        val repair = repairWav(path)
        repair.info.frames shouldBe frames
        repair.info.format shouldBe AudioFormat(48_000, 1)
        repair.info.sampleFormat shouldBe SampleFormat.INT16
        repairWav(path).repaired shouldBe false
    }

    test("an RF64 file with no ds64 chunk cannot be repaired, and says why") {
        val bytes = rf64()
        "JUNK".toByteArray().copyInto(bytes, chunkAt(bytes, "ds64"))
        shouldThrow<AudioException> { repairWav(file("no-ds64.wav", bytes)) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "no 'ds64' chunk"
            it.message shouldContain "no-ds64.wav"
        }
    }
})
