package dev.audioflow.jack

import dev.audioflow.FloatBlock
import dev.audioflow.StreamMonitor
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import java.util.concurrent.TimeUnit

@EnabledIf(JackInstalled::class)
class JackXrunSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("an xrun shows up in the next block's status, in StreamStats, in xruns and as an event") {
        val thru = ProcessBuilder("jack_thru").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .also { it.environment()["JACK_DEFAULT_SERVER"] = server.name; it.environment()["JACK_NO_START_SERVER"] = "1" }
            .start()
        try {
            jackClient("victim", server.name) {
                val input = registerAudioInput("in")
                activate()
                // jack_thru connects itself to the physical ports once active; only then can we connect.
                eventually { portOrNull("jack_thru:output_1")?.connections()?.isNotEmpty() == true }
                connect("jack_thru:output_1", input.name)
                val monitor = StreamMonitor()
                coroutineScope {
                    val xrunEvent = async(start = CoroutineStart.UNDISPATCHED) { events.first { it is JackEvent.Xrun } }
                    val blocks = async(start = CoroutineStart.UNDISPATCHED) {
                        input(listOf(input), streamConfig(1), monitor)
                            .transformWhile { block ->
                                emit(block)
                                !block.status.xrun
                            }
                            .toList()
                    }
                    delay(300)
                    // A client that stops answering makes the server report xruns to every client.
                    ProcessBuilder("kill", "-STOP", thru.pid().toString()).start().waitFor(5, TimeUnit.SECONDS)
                    delay(300)
                    ProcessBuilder("kill", "-CONT", thru.pid().toString()).start().waitFor(5, TimeUnit.SECONDS)
                    withTimeout(10_000) { xrunEvent.await() }
                    val received: List<FloatBlock> = withTimeout(10_000) { blocks.await() }
                    received.last().status.xrun shouldBe true
                    received.dropLast(1).filter { it.status.xrun }.map { it.frameIndex } shouldBe emptyList()
                }
                xruns.value shouldBeGreaterThan 0L
                monitor.stats.value.xruns shouldBeGreaterThan 0L
            }
        } finally {
            thru.destroy()
            thru.waitFor(5, TimeUnit.SECONDS)
        }
    }
})
