package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.nio.file.Path
import java.util.SplittableRandom

/** Reads all of [path] (header, metadata and every sample); returns the exception it ended with, or null. */
private fun readAll(path: Path): Throwable? = try {
    audioFileInfo(path)
    audioFile(path).samples()
    null
} catch (e: Throwable) {
    e
}

/** Asserts [path] is refused with an `AudioException` of a file kind naming it. */
private fun shouldBeRefused(path: Path) {
    val e = readAll(path)
    withClue("${path.fileName} (${if (Files.isRegularFile(path)) Files.size(path) else 0} bytes): ${e ?: "read without an error"}") {
        e.shouldBeInstanceOf<AudioException>()
        e.kind shouldBeIn listOf(AudioErrorKind.UnsupportedFormat, AudioErrorKind.InvalidArgument)
        e.message shouldContain path.fileName.toString()
    }
}

class BadFilesSpec : FunSpec({
    val dir = tempdir().toPath()

    context("truncated files of every format are refused naming the file, never read as if whole") {
        withData(nameFn = { it.toString() }, CASES) { case ->
            val good = dir.resolve("good-${case.subtype}.${case.extension}")
            blocksOf(testSamples(48_000, 2), AudioFormat(48_000, 2)).writeAudioFile(good, case.format, case.subtype)
            val bytes = Files.readAllBytes(good)
            // Cut inside the header, just after it, in the middle, and (uncompressed data, where every byte counts) by one byte.
            val cuts = listOf(10, 40, 100, bytes.size / 2) + if (case.lossy || case.format == FileFormat.FLAC || case.subtype.name.startsWith("ALAC")) emptyList() else listOf(bytes.size - 1)
            for (cut in cuts) {
                val path = dir.resolve("cut-$cut-${case.subtype}.${case.extension}")
                Files.write(path, bytes.copyOf(cut))
                shouldBeRefused(path)
            }
        }
    }

    context("empty, garbage and mislabelled files are refused naming the file") {
        withData(nameFn = { ".$it" }, CASES.map { it.extension }.distinct()) { extension ->
            val random = SplittableRandom(extension.hashCode().toLong())
            val empty = dir.resolve("empty.$extension").also { Files.write(it, ByteArray(0)) }
            shouldBeRefused(empty)
            val garbage = dir.resolve("garbage.$extension").also { Files.write(it, ByteArray(10_000) { random.nextInt(256).toByte() }) }
            shouldBeRefused(garbage)
            val text = dir.resolve("text.$extension").also { Files.writeString(it, "this is not audio, it only has the name of it\n".repeat(50)) }
            shouldBeRefused(text)
        }
        shouldBeRefused(dir.resolve("missing.flac"))
        val directory = dir.resolve("a-directory.wav").also { Files.createDirectories(it) }
        shouldBeRefused(directory)
    }

    context("corrupted bytes give an AudioException or audio, never another exception or a crash") {
        withData(nameFn = { it.toString() }, CASES) { case ->
            val good = dir.resolve("fuzz-src-${case.subtype}.${case.extension}")
            blocksOf(testSamples(9_600, 2), AudioFormat(48_000, 2)).writeAudioFile(good, case.format, case.subtype)
            val bytes = Files.readAllBytes(good)
            val random = SplittableRandom(case.hashCode().toLong())
            val path = dir.resolve("fuzz-${case.subtype}.${case.extension}")
            var refused = 0
            repeat(60) { round ->
                val mutated = bytes.copyOf()
                val span = if (round % 2 == 0) minOf(bytes.size, 200) else bytes.size
                repeat(1 + random.nextInt(8)) { mutated[random.nextInt(span)] = random.nextInt(256).toByte() }
                Files.write(path, mutated)
                val e = readAll(path)
                if (e != null) {
                    withClue("round $round: $e") {
                        e.shouldBeInstanceOf<AudioException>()
                        e.kind shouldBeIn listOf(AudioErrorKind.UnsupportedFormat, AudioErrorKind.InvalidArgument)
                        e.message shouldContain path.fileName.toString()
                    }
                    refused++
                }
            }
            println("$case: $refused of 60 corrupted files refused, the others decoded")
        }
    }
})
