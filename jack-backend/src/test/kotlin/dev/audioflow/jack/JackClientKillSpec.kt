@file:OptIn(dev.audioflow.DelicateAudioApi::class)

package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.StreamDiagnostics
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.math.abs

/**
 * A stream fed by another client's ports when that client is killed (issue 15: "kill the JACK
 * client owning the ports"): JACK's own `jack_metro`, a separate process, plays clicks into this
 * client's input; after SIGKILL the server drops it, and the stream, watching its sources with
 * [failWhenSourcesVanish], ends with [AudioErrorKind.StreamInvalidated] naming the client within
 * a second, where without the watch it would go on reading silence.
 */
@EnabledIf(JackInstalled::class)
class JackClientKillSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("killing the client whose ports feed a stream ends it with StreamInvalidated naming the client within a second") {
        val name = "metro${ProcessHandle.current().pid()}"
        val log = File.createTempFile("jack_metro", ".log")
        val metro = ProcessBuilder("jack_metro", "-b", "480", "-n", name).redirectErrorStream(true).redirectOutput(log)
            .apply { environment()["JACK_DEFAULT_SERVER"] = server.name; environment()["JACK_NO_START_SERVER"] = "1" }.start()
        try {
            val source = "$name:480_bpm"
            jackClient("victim_reader", server.name) {
                val input = registerAudioInput("in")
                activate()
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
                while (source !in ports()) {
                    withClue("jack_metro never registered $source: ${log.readText()}") { (System.nanoTime() < deadline) shouldBe true }
                    Thread.sleep(20)
                }
                connectOnceActive(source, input.name)
                var peak = 0f
                val error = coroutineScope {
                    val clicked = CompletableDeferred<Unit>()
                    val stream = async {
                        runCatching {
                            input(listOf(input)).failWhenSourcesVanish(this@jackClient, listOf(source)).onEach { block ->
                                val blockPeak = block.samples.maxOf { abs(it) }
                                if (blockPeak > peak) peak = blockPeak
                                if (blockPeak > 0.01f) clicked.complete(Unit)
                            }.toList()
                        }.exceptionOrNull()
                    }
                    withTimeout(20_000) { clicked.await() }
                    val killedAt = System.nanoTime()
                    metro.destroyForcibly()
                    metro.waitFor(5, TimeUnit.SECONDS)
                    val error = withTimeout(10_000) { stream.await() }
                    (System.nanoTime() - killedAt) / 1_000_000 shouldBeLessThan 1_000L
                    error
                }
                withClue("the metronome's clicks arrived before the kill") { peak shouldBeGreaterThan 0.01f }
                error.shouldBeInstanceOf<AudioException>()
                error.kind shouldBe AudioErrorKind.StreamInvalidated
                error.message shouldContain name
            }
            StreamDiagnostics.openStreams shouldBe 0
        } finally {
            metro.destroyForcibly()
            log.delete()
        }
    }
})
