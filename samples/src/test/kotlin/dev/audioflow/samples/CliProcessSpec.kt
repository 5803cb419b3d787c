package dev.audioflow.samples

import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.audioFile
import dev.audioflow.sndfile.audioFileInfo
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import java.nio.file.Files

/** The program as a real process: exit codes through `exitProcess`, and Ctrl-C. */
class CliProcessSpec : FunSpec({
    val dir = tempdir().toPath()

    test("exit codes of a real process: 0 for success, 2 for usage errors") {
        val ok = CliProcess.run(dir, listOf("--backend", "virtual", "devices", "--json"))
        ok.shouldSucceed()
        Json.parseToJsonElement(ok.out).jsonObject.keys shouldBe setOf("backends")
        val usage = CliProcess.run(dir, listOf("tone", "--amplitude", "7"))
        usage.exitCode shouldBe 2
        usage.err shouldContain "--amplitude"
    }

    test("SIGINT during record leaves a valid WAV holding everything recorded") {
        interruptRecording(dir, jar = null)
    }

    test("SIGINT during a FLAC record leaves a finished FLAC file holding everything recorded") {
        val out = dir.resolve("interrupted.flac")
        val program = CliProcess.start(dir, listOf("record", out.toString(), "--backend", "virtual"))
        program.awaitOutput { _, err -> err.contains("Ctrl-C stops") }
        // The banner comes when the stream opens; the virtual input then delivers in real time.
        Thread.sleep(1_500)
        ProcessBuilder("kill", "-INT", program.process.pid().toString()).start().waitFor() shouldBe 0
        val result = program.await(30)
        result.exitCode shouldBe Cli.INTERRUPTED
        val kept = Regex("Interrupted: kept (\\d+) frames").find(result.out)?.groupValues?.get(1)?.toLong()
            ?: error("no 'Interrupted' line in\n$result")
        kept shouldBeGreaterThanOrEqual 24_000
        val info = audioFileInfo(out)
        info.format shouldBe FileFormat.FLAC
        info.frames shouldBe kept
        runBlocking { audioFile(out).toList() }.sumOf { it.frames.toLong() } shouldBe kept
    }
})

/**
 * Starts `record` on the virtual input (from the test class path, or from [jar]), sends SIGINT
 * once at least a second is on disk, and checks the program kept every frame it reported in a
 * valid WAV file.
 */
fun interruptRecording(dir: java.nio.file.Path, jar: java.nio.file.Path?) {
    val out = dir.resolve("interrupted-${System.nanoTime()}.wav")
    val program = CliProcess.start(dir, listOf("record", out.toString(), "--backend", "virtual", "--format", "int16"), jar = jar)
    program.awaitOutput { _, err -> err.contains("Ctrl-C stops") }
    // Let at least a second of audio reach the file before interrupting.
    program.awaitOutput { _, _ -> Files.exists(out) && runCatching { dev.audioflow.flow.wavInfo(out).frames }.getOrDefault(0) >= 48_000 }
    val status = Files.readAllLines(java.nio.file.Paths.get("/proc/${program.process.pid()}/status"))
        .firstOrNull { it.startsWith("SigIgn:") }
    if (status != null) (status.substringAfter(':').trim().toLong(16) and 2L) shouldBe 0L
    ProcessBuilder("kill", "-INT", program.process.pid().toString()).start().waitFor() shouldBe 0
    val result = program.await(30)
    result.exitCode shouldBe Cli.INTERRUPTED
    val kept = Regex("Interrupted: kept (\\d+) frames").find(result.out)?.groupValues?.get(1)?.toLong()
        ?: error("no 'Interrupted' line in\n$result")
    val info = validWav(out)
    info.frames shouldBe kept
    info.frames shouldBeGreaterThanOrEqual 48_000
    wavPeak(out) shouldBe (0.1f plusOrMinus 0.001f)
}
