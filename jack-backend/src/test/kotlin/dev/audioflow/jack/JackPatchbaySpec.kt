package dev.audioflow.jack

import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.JackServerExtension
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.util.Collections

/** Parses `jack_lsp -c` into port name -> connected port names. */
internal fun parseLspConnections(output: String): Map<String, List<String>> {
    val result = LinkedHashMap<String, MutableList<String>>()
    var current: MutableList<String>? = null
    for (line in output.lines()) {
        if (line.isBlank()) continue
        if (line.startsWith(" ")) current!!.add(line.trim()) else current = result.getOrPut(line.trim()) { ArrayList() }
    }
    return result
}

/** Polls [probe] every 20 ms for up to [millis] until it holds. */
internal suspend fun eventually(millis: Long = 5_000, probe: () -> Boolean) {
    withTimeout(millis) { while (!probe()) delay(20) }
}

@EnabledIf(JackInstalled::class)
class JackPatchbaySpec : FunSpec({
    val server: JackServer = install(JackServerExtension()) { period = 256 }

    test("another client's port and connection changes arrive as events in order") {
        jackClient("observer", server.name) {
            activate()
            val seen = Collections.synchronizedList(ArrayList<JackEvent>())
            val watcher = launch(start = CoroutineStart.UNDISPATCHED) { events.collect { seen += it } }
            jackClient("actor", server.name, useExactName = true) {
                activate()
                val a = registerAudioOutput("a")
                val b = registerAudioInput("b")
                connect(a, b)
                connect("system:capture_1", "actor:b")
                disconnect(a, b)
                rename(a, "renamed")
                disconnect("system:capture_1", "actor:b")
                unregister(b)
            }
            eventually { JackEvent.ClientUnregistered("actor") in seen }
            watcher.cancel()
            val patchbay = seen.filter { it !is JackEvent.GraphReordered && it !is JackEvent.LatencyChanged && it !is JackEvent.Xrun }
            patchbay shouldBe listOf(
                JackEvent.ClientRegistered("actor"),
                JackEvent.PortRegistered("actor:a"),
                JackEvent.PortRegistered("actor:b"),
                JackEvent.PortConnected("actor:a", "actor:b"),
                JackEvent.PortConnected("system:capture_1", "actor:b"),
                JackEvent.PortDisconnected("actor:a", "actor:b"),
                JackEvent.PortRenamed("actor:a", "actor:renamed"),
                JackEvent.PortDisconnected("system:capture_1", "actor:b"),
                JackEvent.PortUnregistered("actor:b"),
                JackEvent.PortUnregistered("actor:renamed"),
                JackEvent.ClientUnregistered("actor"),
            )
            seen.filterIsInstance<JackEvent.GraphReordered>().shouldNotBeEmpty()
        }
    }

    test("the graph snapshot matches jack_lsp -c") {
        jackClient("watcher", server.name) {
            val watcher = this
            activate()
            jackClient("wired", server.name, useExactName = true) {
                activate()
                val left = registerAudioOutput("left")
                val right = registerAudioOutput("right")
                val sink = registerAudioInput("sink")
                val midiOut = registerMidiOutput("midi_out")
                val midiIn = registerMidiInput("midi_in")
                connect(left, "system:playback_1")
                connect(right, "system:playback_1")
                connect(right, "system:playback_2")
                connect("system:capture_2", sink.name)
                connect(midiOut, midiIn)
                watcher.graph.first { it.isConnected("wired:midi_out", "wired:midi_in") && it.isConnected("system:capture_2", "wired:sink") }
                eventually {
                    val lsp = parseLspConnections(server.lsp("-c"))
                    graph.value.ports.associate { it.name to it.connections } == lsp
                }
                val snapshot = watcher.graph.value
                snapshot.ports.associate { it.name to it.connections.toSet() } shouldBe
                    parseLspConnections(server.lsp("-c")).mapValues { it.value.toSet() }
                snapshot.connections shouldBe setOf(
                    Connection("wired:left", "system:playback_1"),
                    Connection("wired:right", "system:playback_1"),
                    Connection("wired:right", "system:playback_2"),
                    Connection("system:capture_2", "wired:sink"),
                    Connection("wired:midi_out", "wired:midi_in"),
                )
                snapshot.port("wired:midi_in")!!.type shouldBe PortType.Midi
                snapshot.port("system:playback_1")!!.flags shouldBe setOf(PortFlag.Input, PortFlag.Physical, PortFlag.Terminal)
            }
            eventually { graph.value.ports.none { it.clientName == "wired" } }
            graph.value.ports.associate { it.name to it.connections } shouldBe parseLspConnections(server.lsp("-c"))
        }
    }
})
