package dev.audioflow.testing

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import kotlin.time.Duration

/**
 * Runs JACK's command-line tools (`jack_lsp`, `jack_connect`...) against one server for the test
 * fixtures ([JackServer], [NetJackHosts]): `JACK_DEFAULT_SERVER` set, `JACK_NO_START_SERVER` so a
 * tool never starts a stray server, output collected in a file (a pipe could fill and stall the
 * tool) and a timeout after which the tool is killed.
 *
 * Thread-safe; [run] blocks for the tool (at most the timeout).
 */
internal object JackTool {
    /** A tool's exit code (-1 when it timed out) and everything it printed. */
    class Result(val exitCode: Int, val output: String)

    /** Runs [command] with [args] against [server], waiting at most [timeout]. */
    fun run(server: String, command: String, args: List<String>, timeout: Duration): Result {
        val output = Files.createTempFile("audioflow-jacktool", ".out").toFile()
        try {
            val builder = ProcessBuilder(listOf(find(command)?.toString() ?: command) + args)
                .redirectErrorStream(true)
                .redirectOutput(output)
            builder.environment()["JACK_DEFAULT_SERVER"] = server
            builder.environment()["JACK_NO_START_SERVER"] = "1"
            val tool = builder.start()
            if (!tool.waitFor(timeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly()
                return Result(-1, "timed out after $timeout: ${output.readText()}")
            }
            return Result(tool.exitValue(), output.readText())
        } finally {
            output.delete()
        }
    }

    /** The executable [command] on the PATH, or null. */
    fun find(command: String): Path? =
        (System.getenv("PATH") ?: "/usr/bin:/bin").split(File.pathSeparator)
            .map { Paths.get(it, command) }
            .firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
}
