package dev.audioflow.samples

import dev.audioflow.flow.WavInfo
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.wavInfo
import io.kotest.assertions.withClue
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.jsonObject
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import kotlin.math.abs

/** What one run of the command-line program produced. */
data class CliResult(val exitCode: Int, val out: String, val err: String) {
    override fun toString(): String = "exit $exitCode\n--- stdout\n$out--- stderr\n$err"
}

/** Runs the program in this JVM, as `main` would but without exiting, with captured output. */
fun cli(vararg args: String): CliResult {
    val out = ByteArrayOutputStream()
    val err = ByteArrayOutputStream()
    val code = Cli.run(arrayOf(*args), Console(PrintStream(out, true, Charsets.UTF_8), PrintStream(err, true, Charsets.UTF_8), interactive = false))
    return CliResult(code, out.toString(Charsets.UTF_8), err.toString(Charsets.UTF_8))
}

/**
 * The program as a real process: `java -cp <test class path> dev.audioflow.samples.MainKt`,
 * with SIGINT at its default disposition (a process started from a background job inherits
 * SIGINT ignored, and the JVM then never sees Ctrl-C).
 */
object CliProcess {
    private val javaBin: String = Paths.get(System.getProperty("java.home"), "bin", "java").toString()

    private val resetSigint: List<String> by lazy {
        val probe = ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start()
        if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) listOf("env", "--default-signal=INT") else emptyList()
    }

    /**
     * Starts the program with [args] and [env], without the variables named in [unset]; its
     * output goes to files in [dir]. With [jar], runs that jar (`java -jar`) instead of the test
     * class path. [nativePath] is its `audioflow.native.path` (null: unset).
     */
    fun start(
        dir: Path,
        args: List<String>,
        env: Map<String, String> = emptyMap(),
        jar: Path? = null,
        unset: Set<String> = emptySet(),
        nativePath: String? = System.getProperty(NATIVE_PATH),
    ): Running {
        val out = dir.resolve("stdout-${System.nanoTime()}.txt").toFile()
        val err = dir.resolve("stderr-${System.nanoTime()}.txt").toFile()
        val builder = ProcessBuilder(commandLine(args, jar, nativePath)).directory(dir.toFile()).redirectOutput(out).redirectError(err)
        builder.environment().putAll(env)
        unset.forEach { builder.environment().remove(it) }
        return Running(builder.start(), out, err)
    }

    /**
     * The command line that runs the program with [args] (from the test class path, or [jar]),
     * SIGINT reset to its default, with the native call path of this test JVM (or [nativePath])
     * and, as `./audioflow` does, native access enabled (a jar's manifest enables it itself).
     */
    fun commandLine(args: List<String>, jar: Path? = null, nativePath: String? = System.getProperty(NATIVE_PATH)): List<String> {
        val program = if (jar != null) listOf("-jar", jar.toString()) else listOf("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.audioflow.samples.MainKt")
        return resetSigint + listOf(javaBin) + listOfNotNull(nativePath?.let { "-D$NATIVE_PATH=$it" }) + program + args
    }

    private const val NATIVE_PATH = "audioflow.native.path"

    /** Runs the program to completion (at most [timeoutSeconds]). */
    fun run(
        dir: Path,
        args: List<String>,
        env: Map<String, String> = emptyMap(),
        timeoutSeconds: Long = 60,
        jar: Path? = null,
        unset: Set<String> = emptySet(),
        nativePath: String? = System.getProperty(NATIVE_PATH),
    ): CliResult = start(dir, args, env, jar, unset, nativePath).await(timeoutSeconds)

    /** A started program. */
    class Running(val process: Process, private val out: File, private val err: File) {
        fun stdout(): String = out.readText()
        fun stderr(): String = err.readText()

        /** Waits until [condition] holds on the process's output, failing after [timeoutMillis]. */
        fun awaitOutput(timeoutMillis: Long = 20_000, condition: (String, String) -> Boolean) {
            val deadline = System.currentTimeMillis() + timeoutMillis
            while (!condition(stdout(), stderr())) {
                check(process.isAlive) { "program ended early with ${process.exitValue()}\n${stdout()}\n${stderr()}" }
                check(System.currentTimeMillis() < deadline) { "timed out waiting for output\n${stdout()}\n${stderr()}" }
                Thread.sleep(50)
            }
        }

        /** Waits for the exit, killing the process after [timeoutSeconds]. */
        fun await(timeoutSeconds: Long = 60): CliResult {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                error("program did not finish within $timeoutSeconds s\n${stdout()}\n${stderr()}")
            }
            return CliResult(process.exitValue(), stdout(), stderr())
        }
    }
}

/**
 * Checks that [path] is a complete, self-consistent WAV file: the RIFF size and the data size in
 * the header agree with the file's length, so every written frame is addressed. Returns its header.
 */
fun validWav(path: Path): WavInfo {
    val info = wavInfo(path)
    val size = Files.size(path)
    info.dataOffset + info.frames * info.blockAlign shouldBe size
    val header = ByteBuffer.wrap(Files.readAllBytes(path), 0, 12).order(ByteOrder.LITTLE_ENDIAN)
    header.getInt(4).toLong() and 0xFFFF_FFFFL shouldBe size - 8
    info.frames shouldBeGreaterThan -1
    return info
}

/** Largest absolute sample of the WAV file at [path]. */
fun wavPeak(path: Path): Float = runBlocking {
    var peak = 0f
    wavFile(path).collect { block -> for (v in block.samples) peak = maxOf(peak, abs(v)) }
    peak
}

/** Asserts a successful run, showing its whole output when it was not. */
fun CliResult.shouldSucceed(): CliResult {
    withClue(toString()) { exitCode shouldBe 0 }
    return this
}

/** The exit code the program gives for usage errors, from [Cli]. */
const val USAGE_EXIT = Cli.USAGE

/**
 * Runs `ui` with [args] for [seconds] in a window on a private Xvfb and returns its JSON report,
 * or null when Xvfb is absent outside CI (skipped loudly).
 */
fun runUiUnderXvfb(dir: java.nio.file.Path, env: Map<String, String>, seconds: Double, vararg args: String): kotlinx.serialization.json.JsonObject? {
    if (!dev.audioflow.testing.NativeRequirement.available("Xvfb", dev.audioflow.testing.NativeRequirement.hasExecutable("Xvfb"), "apt-get install xvfb; ./scripts/check installs it")) return null
    val report = dir.resolve("ui-${System.nanoTime()}.json")
    dev.audioflow.samples.ui.Xvfb.start().use { x ->
        CliProcess.run(dir, listOf("ui", "--seconds", seconds.toString(), "--report", report.toString()) + args, env + ("DISPLAY" to x.display), timeoutSeconds = 90).shouldSucceed()
    }
    return kotlinx.serialization.json.Json.parseToJsonElement(Files.readString(report)).jsonObject
}
