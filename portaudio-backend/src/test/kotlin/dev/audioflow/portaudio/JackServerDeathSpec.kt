package dev.audioflow.portaudio

import dev.audioflow.testing.JackServer
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.io.File
import java.nio.file.Paths
import java.util.concurrent.TimeUnit

/**
 * PortAudio's JACK host API when its server dies (issue 19, defect 1): before the fix the stream
 * ended as `StreamInvalidated` and its abort then waited ten minutes in `Pa_AbortStream` for the
 * dead process thread; `Pa_CloseStream` and `Pa_Terminate` would have aborted the JVM on an
 * `assert`. Now the stream ends with `ServerShutdown` within a second, the JVM goes on (its ALSA
 * streams work, the JACK device and a refresh fail with a message saying why) and exits normally,
 * and a new server works for a new JVM.
 *
 * Each case runs in a child JVM ([JackServerDeathChild]): after the loss PortAudio stays
 * initialised for the rest of the process.
 */
@EnabledIf(PortAudioAndJackInstalled::class)
class JackServerDeathSpec : FunSpec({
    val dir = tempdir()

    fun child(server: JackServer, mode: String): Pair<Process, File> {
        val out = File(dir, "child-$mode-${System.nanoTime()}.txt")
        val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
        val command = listOf(java, "--enable-native-access=ALL-UNNAMED") +
            listOfNotNull(System.getProperty("audioflow.native.path")?.let { "-Daudioflow.native.path=$it" }) +
            listOf("-cp", System.getProperty("java.class.path"), "dev.audioflow.portaudio.JackServerDeathChildKt", server.name, mode)
        return ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start() to out
    }

    fun File.lineStarting(prefix: String): String? = if (exists()) readLines().firstOrNull { it.startsWith(prefix) } else null

    fun awaitLine(process: Process, out: File, prefix: String, timeoutMillis: Long): String {
        val deadline = System.currentTimeMillis() + timeoutMillis
        while (true) {
            out.lineStarting(prefix)?.let { return it }
            check(process.isAlive) { "the child JVM ended (${process.exitValue()}) before '$prefix':\n${out.readText()}" }
            check(System.currentTimeMillis() < deadline) { "no '$prefix' from the child JVM within $timeoutMillis ms:\n${out.readText()}" }
            Thread.sleep(10)
        }
    }

    test("a SIGKILLed server ends the stream with ServerShutdown within a second; the JVM goes on and exits normally") {
        val server = JackServer.start { period = 256 }
        val (process, out) = child(server, "play-until-death")
        try {
            awaitLine(process, out, "PLAYING", 60_000)
            val killedAt = System.currentTimeMillis()
            server.kill()
            val ended = awaitLine(process, out, "ENDED", 30_000).split(" ", limit = 4)
            withClue(out.readText()) {
                ended[2] shouldBe "ServerShutdown"
                ended[1].toLong() - killedAt shouldBeLessThan 1_000L
                process.waitFor(60, TimeUnit.SECONDS) shouldBe true
                process.exitValue() shouldBe 0
                out.lineStarting("REOPEN")!! shouldStartWith "REOPEN BackendUnavailable"
                out.lineStarting("REOPEN")!! shouldContain "lost its server"
                out.lineStarting("REFRESH")!! shouldStartWith "REFRESH BackendUnavailable"
                out.lineStarting("ALSA") shouldBe "ALSA ${20 * 256}"
                out.lineStarting("DONE") shouldBe "DONE"
            }
        } finally {
            process.destroyForcibly()
            server.close()
        }
    }

    test("a new server works for a new JVM after one died") {
        val dead = JackServer.start { period = 256 }
        dead.kill()
        dead.close()
        val server = JackServer.start { period = 256 }
        val (process, out) = child(server, "play-once")
        try {
            withClue(lazy { out.readText() }) {
                process.waitFor(60, TimeUnit.SECONDS) shouldBe true
                process.exitValue() shouldBe 0
                out.lineStarting("PLAYED") shouldBe "PLAYED ${48 * 256}"
            }
        } finally {
            process.destroyForcibly()
            server.close()
        }
    }
})
