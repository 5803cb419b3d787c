package dev.audioflow.samples

import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * The command line against JACK servers that misbehave (issue 19, defects 1, 3, 4 and 5): a killed
 * server under PortAudio's JACK host API ends the command at once with one line; a frozen
 * (SIGSTOPped) server must not hang commands that do not use it, nor a `--seconds` run that
 * does; a record that JACK refuses keeps the existing file; `jack watch` ends when its reader goes.
 */
@EnabledIf(JackInstalled::class)
class JackFaultCliSpec : FunSpec({
    val server = install(JackServerExtension())
    val dir = tempdir().toPath()
    fun env(name: String) = mapOf("JACK_DEFAULT_SERVER" to name, "JACK_NO_START_SERVER" to "1")

    /** Runs [body] with a private server stopped by SIGSTOP; resumes and kills it afterwards (freeing its registry slot). */
    fun withFrozenServer(body: (JackServer, () -> Unit) -> Unit) {
        val frozen = JackServer.start()
        try {
            body(frozen) { signal(frozen.pid, "STOP") }
        } finally {
            signal(frozen.pid, "CONT")
            frozen.kill()
            frozen.close()
        }
    }

    test("--backend portaudio tone on a JACK server killed under it exits 1 with one line at once, and a new server plays") {
        val doomed = JackServer.start { period = 256 }
        try {
            val tone = CliProcess.start(dir, listOf("--backend", "portaudio", "tone", "--seconds", "30"), env(doomed.name))
            tone.awaitOutput(30_000) { _, err -> err.contains("Playing") }
            Thread.sleep(1_000)
            val killed = System.nanoTime()
            doomed.kill()
            val result = tone.await(60)
            val tookMillis = (System.nanoTime() - killed) / 1_000_000
            withClue(result) {
                result.exitCode shouldBe 1
                result.err.lines().count { it.startsWith("audioflow: error:") } shouldBe 1
                result.err shouldContain "the JACK server went away"
                // The JVM's own start-up is behind it, its exit is not: a second covers the detection, the rest the exit.
                tookMillis shouldBeLessThan 3_000L
            }
        } finally {
            doomed.close()
        }
        val fresh = JackServer.start { period = 256 }
        try {
            val result = CliProcess.run(dir, listOf("--backend", "portaudio", "tone", "--seconds", "0.5"), env(fresh.name))
            withClue(result) {
                result.shouldSucceed()
                result.out shouldContain "Played 0.500 s"
            }
        } finally {
            fresh.close()
        }
    }

    test("a record at a rate JACK does not run leaves the existing file as it was") {
        val file = dir.resolve("keep.wav")
        val bytes = ByteArray(4096) { (it * 7).toByte() }
        Files.write(file, bytes)
        val result = CliProcess.run(dir, listOf("--backend", "jack", "--rate", "44100", "record", file.toString()), env(server.name))
        result.exitCode shouldBe 1
        Files.readAllBytes(file) shouldBe bytes
        result.err shouldNotContain "Recording"
    }

    test("--backend virtual devices does not touch a frozen JACK server") {
        withFrozenServer { frozen, freeze ->
            freeze()
            val started = System.nanoTime()
            val result = CliProcess.run(dir, listOf("--backend", "virtual", "devices"), env(frozen.name), timeoutSeconds = 30)
            withClue(result) {
                result.shouldSucceed()
                result.out shouldContain "Virtual Output"
                (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 15_000L
            }
        }
    }

    test("without --backend, a frozen JACK server costs the default backend's probe its deadline, not the command") {
        withFrozenServer { frozen, freeze ->
            freeze()
            val result = CliProcess.run(dir, listOf("tone", "--seconds", "0.3"), env(frozen.name), timeoutSeconds = 45)
            withClue(result) {
                result.shouldSucceed()
                result.out shouldContain "Played 0.300 s"
            }
        }
    }

    test("wire --seconds 6 ends when the JACK server freezes under it") {
        withFrozenServer { frozen, freeze ->
            val wire = CliProcess.start(dir, listOf("--backend", "jack", "wire", "--seconds", "6"), env(frozen.name))
            wire.awaitOutput { _, err -> err.contains("Wiring") }
            freeze()
            val result = wire.await(45)
            withClue(result) {
                result.exitCode shouldBe 1
                result.err shouldContain "the stream stalled"
            }
        }
    }

    test("jack watch ends with an error once its standard output is closed (jack watch | head -1)") {
        val builder = ProcessBuilder(CliProcess.commandLine(listOf("jack", "watch"))).directory(dir.toFile())
            .redirectError(dir.resolve("watch-err.txt").toFile())
        builder.environment().putAll(env(server.name))
        val watch = builder.start()
        try {
            Thread.sleep(1_500)
            server.tool("jack_connect", "system:capture_1", "system:playback_1")
            val first = watch.inputStream.bufferedReader().readLine()
            withClue("the first event line") { (first != null) shouldBe true }
            watch.inputStream.close()
            server.tool("jack_disconnect", "system:capture_1", "system:playback_1")
            server.tool("jack_connect", "system:capture_2", "system:playback_2")
            withClue(dir.resolve("watch-err.txt").toFile().readText()) {
                watch.waitFor(20, TimeUnit.SECONDS) shouldBe true
                watch.exitValue() shouldBe 1
                dir.resolve("watch-err.txt").toFile().readText() shouldContain "cannot write to standard output"
            }
        } finally {
            watch.destroyForcibly()
            runCatching { server.tool("jack_disconnect", "system:capture_2", "system:playback_2") }
        }
    }
})

/** Sends SIG[name] to [pid] with kill(1). */
private fun signal(pid: Long, name: String) {
    ProcessBuilder("kill", "-$name", pid.toString()).start().waitFor(10, TimeUnit.SECONDS)
}
