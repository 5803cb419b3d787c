package dev.audioflow.flow

import com.code_intelligence.jazzer.junit.FuzzTest
import dev.audioflow.AudioException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.nio.file.Path

/**
 * Fuzzes the pure-Kotlin WAV reader: [wavInfo] and [wavFile] on arbitrary bytes.
 *
 * What a pass proves, for every input the fuzzer tried (and, in regression mode, for every file of
 * the seed corpus `WavReaderFuzzTestInputs/readsAnyBytes/`): the reader either throws an
 * [AudioException] or returns a header whose data lies inside the file, and then reads exactly the
 * frames that header declares; it never throws another exception (an index, I/O, arithmetic or
 * illegal-argument one), never hangs (when fuzzing, an input taking over 10 s is a finding), and
 * never allocates what a header claims (an `OutOfMemoryError` in the test JVM's 2 GiB heap fails it).
 *
 * Run it longer: see docs/reliability.md, "Fuzzing".
 */
class WavReaderFuzzTest {
    private val file: Path = Files.createTempFile("wav-reader-fuzz", ".wav").also { it.toFile().deleteOnExit() }

    @FuzzTest
    fun readsAnyBytes(bytes: ByteArray) {
        Files.write(file, bytes)
        val info = try {
            wavInfo(file)
        } catch (e: AudioException) {
            return
        }
        check(info.frames >= 0 && info.dataOffset >= 12 && info.dataOffset + info.frames * info.blockAlign <= bytes.size) {
            "wavInfo accepted a header whose data passes the end of the ${bytes.size}-byte file: $info"
        }
        var frames = 0L
        try {
            runBlocking { wavFile(file, blockFrames = 64).collect { frames += it.frames } }
        } catch (e: AudioException) {
            return
        }
        check(frames == info.frames) { "wavFile read $frames frames, wavInfo declared ${info.frames}: $info" }
    }
}
