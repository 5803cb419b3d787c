package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardOpenOption
import java.util.concurrent.TimeUnit

/** Overwrites 4 bytes at [offset] of [path] with [value], little-endian. */
private fun poke32(path: Path, offset: Long, value: Int) {
    Files.newByteChannel(path, StandardOpenOption.WRITE).use { it.position(offset).write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value)) }
}

/** Asserts that [path] holds exactly the first frames of [testSample] in [sampleFormat], the header covering every whole frame on disk. */
private fun shouldHoldEveryFrame(path: Path, sampleFormat: SampleFormat, dir: Path): Long {
    val info = wavInfo(path)
    info.dataOffset + info.frames * info.blockAlign + (info.frames * info.blockAlign and 1) shouldBe Files.size(path)
    val expected = sampleFormat.decode(sampleFormat.encode(testSamples(info.frames.toInt(), info.format.channels)))
    samplesOf(wavFile(path).collectBlocking()) shouldBe expected
    soxiFrames(path) shouldBe info.frames
    soxSamples(path, dir).size shouldBe expected.size
    return info.frames
}

class WavRepairSpec : FunSpec({
    val dir = tempdir().toPath()

    context("a JVM killed (SIGKILL) while writing leaves a file that repairWav makes whole") {
        // The limits: 4 GiB (no switch in this test) and 200 kB, so the second kill lands in RF64.
        withData(nameFn = { (limit, format) -> if (limit == MAX_RIFF_SIZE) "RIFF, $format" else "RF64 after $limit bytes, $format" }, listOf(MAX_RIFF_SIZE to SampleFormat.INT24, 200_000L to SampleFormat.INT16)) { (limit, sampleFormat) ->
            val path = dir.resolve("killed-$limit.wav")
            val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
            val child = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.audioflow.flow.WavWritingProcessKt", path.toString(), sampleFormat.name, limit.toString(), "3")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child-$limit.log").toFile()).start()
            try {
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
                while (!(Files.exists(path) && Files.size(path) > 3_000_000)) {
                    withClue("the writing JVM ended early: ${Files.readString(dir.resolve("child-$limit.log"))}") { child.isAlive shouldBe true }
                    check(System.nanoTime() < deadline) { "the writing JVM wrote nothing in 60 s" }
                    Thread.sleep(20)
                }
            } finally {
                child.destroyForcibly()
                child.waitFor(30, TimeUnit.SECONDS)
            }
            child.exitValue() shouldBe 137
            val onDisk = Files.size(path)
            val before = wavInfo(path)
            before.rf64 shouldBe (limit != MAX_RIFF_SIZE)
            val repair = repairWav(path)
            repair.declaredFrames shouldBe before.frames
            val frames = shouldHoldEveryFrame(path, sampleFormat, dir)
            frames shouldBe (onDisk - before.dataOffset) / before.blockAlign
            frames shouldBeGreaterThanOrEqual before.frames
            repair.repaired shouldBe (frames != before.frames || onDisk != Files.size(path))
            repairWav(path).repaired shouldBe false
        }
    }

    test("a header that was never updated (sizes 0) and a partial last frame are repaired") {
        val path = dir.resolve("zero-sizes.wav")
        testFlow(5_000, AudioFormat(44_100, 2), 333).writeWav(path, SampleFormat.INT24)
        val dataOffset = wavInfo(path).dataOffset
        poke32(path, 4, 0)
        poke32(path, dataOffset - 4, 0)
        Files.write(path, byteArrayOf(1, 2, 3), StandardOpenOption.APPEND)
        wavInfo(path).frames shouldBe 0L
        val repair = repairWav(path)
        repair.declaredFrames shouldBe 0L
        repair.repaired shouldBe true
        repair.info.frames shouldBe 5_000L
        shouldHoldEveryFrame(path, SampleFormat.INT24, dir) shouldBe 5_000L
    }

    test("a sound file, and one with chunks after its data, is left alone") {
        val path = dir.resolve("sound.wav")
        testFlow(1_001, AudioFormat(48_000, 1), 100).writeWav(path, SampleFormat.UINT8)
        val bytes = Files.readAllBytes(path)
        repairWav(path).repaired shouldBe false
        Files.readAllBytes(path) shouldBe bytes
        val withList = dir.resolve("with-list.wav")
        val list = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).put("LIST".toByteArray()).putInt(4).put("INFO".toByteArray()).array()
        Files.write(withList, bytes + list)
        poke32(withList, 4, bytes.size + list.size - 8)
        repairWav(withList).repaired shouldBe false
        wavInfo(withList).frames shouldBe 1_001L
    }

    test("a copy cut short gets the sizes of what it holds") {
        val path = dir.resolve("cut.wav")
        testFlow(10_000, AudioFormat(48_000, 2), 1000).writeWav(path, SampleFormat.FLOAT32)
        Files.write(path, Files.readAllBytes(path).copyOf(Files.size(path).toInt() - 4 * 2 * 2_500 - 3))
        shouldThrow<AudioException> { wavInfo(path) }.message shouldContain "repairWav"
        repairWav(path).info.frames shouldBe 7_499L
        shouldHoldEveryFrame(path, SampleFormat.FLOAT32, dir) shouldBe 7_499L
    }

    test("files repairWav cannot mend give AudioException naming the file") {
        fun file(name: String, content: ByteArray): Path = dir.resolve(name).also { Files.write(it, content) }
        shouldThrow<AudioException> { repairWav(file("tiny.wav", ByteArray(5))) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "tiny.wav"
        }
        shouldThrow<AudioException> { repairWav(file("text.wav", "not a wave file at all".toByteArray())) }.kind shouldBe AudioErrorKind.UnsupportedFormat
        val good = dir.resolve("good.wav")
        testFlow(100, AudioFormat(48_000, 1), 100).writeWav(good, SampleFormat.INT16)
        shouldThrow<AudioException> { repairWav(file("no-data.wav", Files.readAllBytes(good).copyOf(72))) }.message shouldContain "no 'data' chunk"
        shouldThrow<AudioException> { repairWav(dir.resolve("missing.wav")) }.message shouldContain "missing.wav"
    }

    test("data past the RIFF limit without a JUNK reservation cannot become RF64") {
        val path = dir.resolve("no-junk.wav")
        testFlow(100, AudioFormat(48_000, 1), 100).writeWav(path, SampleFormat.INT16)
        val bytes = Files.readAllBytes(path)
        // Rename the reservation: a chunk the repair may not reuse.
        "fact".toByteArray().copyInto(bytes, 12)
        Files.write(path, bytes)
        Files.newByteChannel(path, StandardOpenOption.WRITE).use { it.position(MAX_RIFF_SIZE + 10).write(ByteBuffer.wrap(ByteArray(1))) }
        try {
            Files.size(path) shouldBeGreaterThan MAX_RIFF_SIZE
            shouldThrow<AudioException> { repairWav(path) }.let {
                it.kind shouldBe AudioErrorKind.UnsupportedFormat
                it.message shouldContain "JUNK"
            }
        } finally {
            Files.delete(path)
        }
    }
})
