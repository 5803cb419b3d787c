package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import kotlin.math.sqrt

/** Open file descriptors of this JVM. */
private fun openFiles(): Int = Files.list(Paths.get("/proc/self/fd")).use { it.count().toInt() }

/** Reading: seeking to a frame, ranges, block sizes, positions, closing, bad arguments, and memory that does not grow with the file. */
class AudioFileSpec : FunSpec({
    val dir = tempdir().toPath()
    val format = AudioFormat(48_000, 2)
    val frames = 48_000

    context("a range read from a seek is the same samples as that part of the whole file") {
        withData(nameFn = { it.toString() }, CASES.filter { !it.lossy }.distinctBy { it.format }) { case ->
            val path = dir.resolve("range-${case.subtype}.${case.extension}")
            val x = testSamples(frames, 2)
            blocksOf(x, format).writeAudioFile(path, case.format, case.subtype)
            val whole = quantized(x, case.subtype)
            for ((start, count, block) in listOf(Triple(12_345L, 5_000L, 333), Triple(0L, 1L, 1), Triple(47_000L, 10_000L, 4_096), Triple(frames.toLong(), 10L, 64))) {
                val blocks = runBlocking { audioFile(path, start, count, block).toList() }
                val expectedFrames = minOf(count, frames - start).toInt()
                withClue("start $start, count $count, block $block") {
                    blocks.sumOf { it.frames } shouldBe expectedFrames
                    blocks.forEach { it.frames shouldBeLessThanOrEqual block }
                    var next = 0L
                    for (b in blocks) {
                        b.frameIndex shouldBe next
                        next = b.endFrameIndex
                    }
                    audioFile(path, start, count, block).samples() shouldBe whole.copyOfRange(start.toInt() * 2, (start.toInt() + expectedFrames) * 2)
                }
            }
        }
    }

    context("seeking in lossy files lands on the same samples as decoding from the start") {
        withData(nameFn = { it.toString() }, CASES.filter { it.lossy }) { case ->
            val path = dir.resolve("seek-${case.subtype}.${case.extension}")
            blocksOf(toneSamples(96_000, 2, 48_000), format).writeAudioFile(path, case.format, case.subtype)
            val whole = audioFile(path).samples()
            val part = audioFile(path, 30_000, 4_800).samples()
            part.size shouldBe 4_800 * 2
            var error = 0.0
            for (i in part.indices) error += (part[i] - whole[30_000 * 2 + i]).let { it * it.toDouble() }
            val rms = sqrt(error / part.size)
            println("$case: seeking to frame 30000 differs from decoding through by ${"%.2e".format(rms)} RMS")
            rms shouldBeLessThan 0.01
        }
    }

    test("a cancelled or finished read closes the file") {
        val path = dir.resolve("fd.flac")
        blocksOf(testSamples(frames, 2), format).writeAudioFile(path)
        val before = openFiles()
        repeat(200) {
            runBlocking { audioFile(path, blockFrames = 256).take(2).toList() }
            audioFileInfo(path)
        }
        openFiles() shouldBeLessThanOrEqual before + 2
    }

    test("bad arguments are refused at call time, a start past the end on collection") {
        val path = dir.resolve("args.wav")
        blocksOf(testSamples(1_000, 2), format).writeAudioFile(path)
        shouldThrow<AudioException> { audioFile(path, startFrame = -1) }.message shouldContain "startFrame"
        shouldThrow<AudioException> { audioFile(path, maxFrames = -5) }.message shouldContain "maxFrames"
        shouldThrow<AudioException> { audioFile(path, blockFrames = 0) }.message shouldContain "blockFrames"
        shouldThrow<AudioException> { audioFile(path, startFrame = 1_001).samples() }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "past the end"
        }
        runBlocking { audioFile(path, startFrame = 1_000).toList() }.shouldBeEmpty()
    }

    test("a file larger than the heap streams through writing and reading in constant memory") {
        val path = dir.resolve("long.wav")
        val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
        val log = dir.resolve("streaming.log").toFile()
        // 8 channels of float at 48 kHz for 120 s: 184 MB through a 48 MB heap.
        val child = ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"), "dev.audioflow.sndfile.StreamingProcessKt", path.toString(), "120")
            .redirectErrorStream(true).redirectOutput(log).start()
        child.waitFor(180, TimeUnit.SECONDS) shouldBe true
        withClue(log.readText()) {
            child.exitValue() shouldBe 0
            log.readText() shouldContain "wrote 5760000 frames, read 5760000 frames"
        }
        Files.size(path) shouldBe 5_760_000L * 8 * 4 + audioFileInfo(path).let { Files.size(path) - it.frames * 32 }
        Files.delete(path)
    }
})
