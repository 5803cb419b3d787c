package dev.audioflow.samples

import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import dev.audioflow.flow.writeWav
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.audioFileInfo
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.runBlocking
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The command line under hostile input and failing files (issue 19, defects 3 and 5), on the
 * virtual backend: a failed `record` keeps an existing file, a full disk keeps a consistent file,
 * output errors end the command, no Java class names, no banner before validation.
 */
class CliFaultSpec : FunSpec({
    val dir = tempdir().toPath()

    /** An existing file `record` must not destroy: arbitrary bytes, so that any rewrite shows. */
    fun keepFile(name: String): Pair<Path, ByteArray> {
        val bytes = ByteArray(4096) { (it * 31).toByte() }
        val file = dir.resolve(name)
        Files.write(file, bytes)
        return file to bytes
    }

    fun leftovers(): List<String> = Files.list(dir).use { files -> files.map { it.fileName.toString() }.filter { it.endsWith(".part") }.toList() }

    context("a record that fails before its first frame leaves the existing file as it was, and announces nothing") {
        withData(
            nameFn = { (ext, args) -> "$ext: " + args.joinToString(" ") },
            listOf("wav", "flac").flatMap { ext ->
                listOf(
                    ext to listOf("record", "@", "--backend", "virtual", "--channels", "3"),
                    ext to listOf("--backend", "virtual", "--device", "1", "record", "@"),
                )
            },
        ) { (ext, args) ->
            val (file, bytes) = keepFile("keep-${args.joinToString("").hashCode().toUInt()}.$ext")
            val result = cli(*args.map { if (it == "@") file.toString() else it }.toTypedArray())
            result.exitCode shouldBe 1
            Files.readAllBytes(file) shouldBe bytes
            leftovers() shouldBe emptyList()
            result.err.trim().lines().size shouldBe 1
            result.err shouldNotContain "Recording"
        }
    }

    test("a record that succeeds replaces the existing file and leaves no temporary file, in WAV and through libsndfile") {
        val (wav, _) = keepFile("replaced.wav")
        cli("record", wav.toString(), "--backend", "virtual", "--seconds", "0.2").shouldSucceed()
        validWav(wav).frames shouldBe 9_600
        val (flac, _) = keepFile("replaced.flac")
        cli("record", flac.toString(), "--backend", "virtual", "--seconds", "0.2").shouldSucceed()
        audioFileInfo(flac).let {
            it.format shouldBe FileFormat.FLAC
            it.frames shouldBe 9_600
        }
        leftovers() shouldBe emptyList()
    }

    test("file errors name the file and the reason, without Java class names") {
        val record = cli("record", "/no/such/dir/take.wav", "--backend", "virtual", "--seconds", "0.1")
        record.exitCode shouldBe 1
        record.err shouldContain "cannot write /no/such/dir/take.wav: no such directory /no/such/dir"
        val render = cli("render", "--seconds", "0.1", "--out", "/no/such/dir/render.wav")
        render.exitCode shouldBe 1
        render.err shouldContain "no such file or directory"
        for (err in listOf(record.err, render.err)) {
            err shouldNotContain "Exception"
            err shouldNotContain "java."
        }
    }

    test("--rate below any device's rate is a usage error naming --rate") {
        for (rate in listOf("1", "7", "11", "7999")) {
            val result = cli("--backend", "virtual", "tone", "--rate", rate, "--seconds", "0.1")
            withClue(result) {
                result.exitCode shouldBe USAGE_EXIT
                result.err shouldContain "--rate"
                result.err shouldNotContain "windowFrames"
            }
        }
    }

    test("playing a zero-frame WAV file says so instead of printing empty levels") {
        val empty = dir.resolve("empty.wav")
        runBlocking { emptyFlow<dev.audioflow.FloatBlock>().writeWav(empty, SampleFormat.INT16, AudioFormat(48_000, 2)) }
        val result = cli("--backend", "virtual", "play", empty.toString())
        result.shouldSucceed()
        result.out shouldContain "no audio (0 frames)"
        result.out shouldNotContain "peak  dBFS"
    }

    test("--seconds with a huge block stops within one block of the limit") {
        val started = System.nanoTime()
        val result = cli("--backend", "virtual", "wire", "--seconds", "0.5", "--block", "1048576")
        val elapsedMillis = (System.nanoTime() - started) / 1_000_000
        withClue(result) {
            result.exitCode shouldBe 0
            // One block of 1048576 frames at 48 kHz is 21.8 s; draining it again took 45 s before.
            elapsedMillis shouldBeLessThan 36_000L
        }
    }

    test("a full disk during record keeps a WAV whose header matches its data, and says how much it kept") {
        val file = dir.resolve("full.wav")
        // RLIMIT_FSIZE: writes past 100 KiB fail (EFBIG), as on a full disk (ENOSPC), without privileges.
        val command = listOf("sh", "-c", "ulimit -f 100; exec \"$@\"", "sh") +
            CliProcess.commandLine(listOf("record", file.toString(), "--backend", "virtual", "--seconds", "5"))
        val result = runProcess(dir, command)
        withClue(result) {
            result.exitCode shouldBe 1
            val kept = Regex("Kept (\\d+) frames").find(result.out)?.groupValues?.get(1)?.toLong() ?: error("no 'Kept N frames' line")
            kept shouldBeGreaterThan 1_000L
            validWav(file).frames shouldBe kept
            result.err shouldContain "cannot write $file: File too large"
            result.err shouldNotContain "Exception"
        }
    }

    test("a write error on standard output ends the command with an error (devices --json > /dev/full)") {
        val full = File("/dev/full")
        if (!full.exists()) error("/dev/full is missing")
        val result = runProcess(dir, CliProcess.commandLine(listOf("--backend", "virtual", "devices", "--json")), stdout = full)
        withClue(result) {
            result.exitCode shouldBe 1
            result.err shouldContain "cannot write to standard output: No space left on device"
        }
    }
})

/** Runs [command] in [dir] to completion (at most a minute), stdout to [stdout] or a file, and returns what it printed. */
fun runProcess(dir: Path, command: List<String>, stdout: File? = null): CliResult {
    val out = stdout ?: dir.resolve("out-${System.nanoTime()}.txt").toFile()
    val err = dir.resolve("err-${System.nanoTime()}.txt").toFile()
    val process = ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out).redirectError(err).start()
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        error("$command did not finish within 60 s\n${err.readText()}")
    }
    return CliResult(process.exitValue(), if (stdout == null) out.readText() else "", err.readText())
}
