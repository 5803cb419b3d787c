package dev.audioflow.sndfile

import com.code_intelligence.jazzer.junit.FuzzTest
import dev.audioflow.AudioException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.nio.file.Path

/**
 * Fuzzes the libsndfile-backed reader: [audioFileInfo] (header and metadata) and [audioFile]
 * (every frame from the start, and from the middle through a seek) on arbitrary bytes, in any of
 * the containers libsndfile recognises by content (the seed corpus has WAV, RF64, W64, AIFF, AIFC,
 * AU, CAF, FLAC, Ogg Vorbis, Opus, MP3 and a few others).
 *
 * What a pass proves, for every input the fuzzer tried (and, in regression mode, for every file of
 * the seed corpus `AudioFileFuzzTestInputs/readsAnyBytes/`): the reader either throws an
 * [AudioException] or describes the file and reads it to its end; it never throws another
 * exception, never hangs (when fuzzing, an input taking over 10 s is a finding), never allocates
 * what a header claims, and never crashes the JVM (libsndfile is native code: a crash in it
 * kills the test's JVM, which fails the build). Coverage feedback comes from the Kotlin side only:
 * the installed libsndfile is not instrumented, so the fuzzer mutates blindly inside it.
 *
 * Run it longer: see docs/reliability.md, "Fuzzing".
 */
class AudioFileFuzzTest {
    init {
        check(Sndfile.isAvailable) { "libsndfile is not installed: ${Sndfile.unavailableReason}" }
    }

    private val file: Path = Files.createTempFile("audio-file-fuzz", ".bin").also { it.toFile().deleteOnExit() }

    @FuzzTest
    fun readsAnyBytes(bytes: ByteArray) {
        Files.write(file, bytes)
        val info = try {
            audioFileInfo(file)
        } catch (e: AudioException) {
            return
        }
        check(info.frames >= 0) { "audioFileInfo reported ${info.frames} frames: $info" }
        readAll(0)
        if (info.frames > 1) readAll(info.frames / 2)
    }

    /** Reads every frame from [startFrame], tolerating only [AudioException]. */
    private fun readAll(startFrame: Long) {
        try {
            runBlocking { audioFile(file, startFrame = startFrame, blockFrames = 256).collect { } }
        } catch (e: AudioException) {
            // A file found damaged while decoding: the documented outcome.
        }
    }
}
