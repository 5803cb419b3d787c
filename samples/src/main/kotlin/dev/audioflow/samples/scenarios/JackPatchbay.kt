/*
 * Scenario: a JACK patchbay watcher: list the graph, then print connection changes live.
 * Run: ./audioflow example jack-patchbay [--seconds S]
 *      (or: ./audioflow jack watch / jack ports -c / jack connect A B)
 * Needs a running JACK server (JACK_DEFAULT_SERVER picks which).
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.jack.JackEvent
import dev.audioflow.jack.jackClient
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

object JackPatchbay {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val seconds = ScenarioArgs(args).option("--seconds")?.toDouble() ?: 30.0

        // A client that registers no ports: it only observes and patches the graph.
        jackClient("patchbay-watcher") {
            activate()
            for (port in ports()) {
                println(port)
                port(port).connections().forEach { println("   -> $it") }
            }

            // events is a hot SharedFlow of JACK notifications, delivered off JACK's threads.
            val watcher = launch {
                events.collect { event ->
                    when (event) {
                        is JackEvent.PortConnected -> println("connected    ${event.source} -> ${event.destination}")
                        is JackEvent.PortDisconnected -> println("disconnected ${event.source} -/- ${event.destination}")
                        is JackEvent.ClientRegistered -> println("client +     ${event.client}")
                        is JackEvent.ClientUnregistered -> println("client -     ${event.client}")
                        is JackEvent.ServerShutdown -> println("server shut down: ${event.reason}")
                        else -> Unit
                    }
                }
            }
            withTimeoutOrNull((seconds * 1000).toLong()) { watcher.join() }
            watcher.cancel()
            // graph is a StateFlow snapshot of every port and connection, kept current by the client.
            println("${graph.value.connections.size} connection(s) at the end")
        }
    }
}
