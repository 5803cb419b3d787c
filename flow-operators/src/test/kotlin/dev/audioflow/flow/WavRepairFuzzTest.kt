package dev.audioflow.flow

import com.code_intelligence.jazzer.junit.FuzzTest
import dev.audioflow.AudioException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.nio.file.Path

/**
 * Fuzzes [repairWav] on arbitrary bytes: each input is written to a scratch copy, repaired, then
 * read back whole.
 *
 * What a pass proves, for every input the fuzzer tried (and, in regression mode, for every file of
 * the seed corpus `WavRepairFuzzTestInputs/repairsAnyBytes/`): [repairWav] either throws an
 * [AudioException] or leaves a file that [wavInfo] reads as the [WavRepair.info] it returned,
 * whose data lies inside the file and whose frames [wavFile] reads in full; a second repair
 * changes nothing (it is idempotent, as documented). It never throws another exception, never
 * hangs (when fuzzing, an input taking over 10 s is a finding) and never allocates what a header
 * claims.
 *
 * Run it longer: see docs/reliability.md, "Fuzzing".
 */
class WavRepairFuzzTest {
    private val file: Path = Files.createTempFile("wav-repair-fuzz", ".wav").also { it.toFile().deleteOnExit() }

    @FuzzTest
    fun repairsAnyBytes(bytes: ByteArray) {
        Files.write(file, bytes)
        val repair = try {
            repairWav(file)
        } catch (e: AudioException) {
            return
        }
        val size = Files.size(file)
        val info = repair.info
        check(wavInfo(file) == info) { "repairWav returned $info, but the repaired file reads as ${wavInfo(file)}" }
        check(info.dataOffset + info.frames * info.blockAlign <= size) { "repairWav left data passing the end of the $size-byte file: $info" }
        var frames = 0L
        runBlocking { wavFile(file, blockFrames = 64).collect { frames += it.frames } }
        check(frames == info.frames) { "wavFile read $frames frames of the repaired file, its header declares ${info.frames}: $info" }
        val again = repairWav(file)
        check(!again.repaired && again.info == info) { "a second repairWav changed the file again: $info, then $again" }
    }
}
