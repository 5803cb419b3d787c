package dev.audioflow.benchmarks

import dev.audioflow.jack.JackClient

/**
 * The in-process half of benchmarks/stress/jack-close: JACK client open, activate, connect,
 * close, CYCLES times in one JVM, the way `audioflow jack connect` does it once per process.
 * Odd cycles connect `system:capture_1` to `system:playback_1`, even cycles disconnect them, so
 * every cycle really changes the graph (and JACK notifies every client of it while this one closes).
 *
 *   JackCloseStressKt SERVER CYCLES [FIRST]
 *
 * Prints `cycle N` after every completed cycle (numbered from FIRST, default 1) so that the
 * script can tell how far a run got before the JVM died, and `done` at the end. A crash of the
 * JVM (the defect this hunts) ends the process with a signal's exit status; an AudioException
 * ends it with exit 1 and its message.
 */
fun main(args: Array<String>) {
    require(args.size in 2..3) { "usage: JackCloseStressKt SERVER CYCLES [FIRST]" }
    val server = args[0]
    val cycles = args[1].toInt()
    val first = args.getOrNull(2)?.toInt() ?: 1
    for (n in first until first + cycles) {
        JackClient.open("audioflow-stress", server, noStartServer = true).use { client ->
            client.activate()
            if (n % 2 == 1) client.connect(CAPTURE, PLAYBACK) else client.disconnect(CAPTURE, PLAYBACK)
        }
        println("cycle $n")
    }
    println("done")
}

private const val CAPTURE = "system:capture_1"
private const val PLAYBACK = "system:playback_1"
