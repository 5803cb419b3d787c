package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.Jack
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/**
 * One client's patchbay: connections between any clients' ports, and the [graph] snapshot that
 * a coroutine of the client re-reads after every change JACK notifies ([markDirty]).
 * Non-realtime; the calls block briefly on JACK requests.
 */
internal class Patchbay(private val client: JackClient, private val directory: PortDirectory, private val scope: CoroutineScope) {
    private val graphState = MutableStateFlow(PortGraph.EMPTY)
    private val dirty = Channel<Unit>(Channel.CONFLATED)

    /** See [JackClient.graph]. */
    val graph: StateFlow<PortGraph> = graphState.asStateFlow()

    /** Reads the first snapshot and starts refreshing it; called once, when the client is set up. */
    fun start() {
        graphState.value = readGraph()
        scope.launch { for (signal in dirty) refresh() }
    }

    /** Asks for a fresh snapshot without waiting; safe from JACK's notification thread. */
    fun markDirty() {
        dirty.trySend(Unit)
    }

    /** Stops refreshing; called when the client closes. */
    fun stop() {
        dirty.close()
    }

    /** See [JackClient.connect]. */
    fun connect(source: String, destination: String) {
        val (from, to) = orient(source, destination, "connect")
        if (from.isConnectedTo(to.name)) return
        val rc = Jack.jack_connect(client.handle(), from.name, to.name)
        if (rc != 0 && rc != EEXIST) {
            val inactive = if (!client.isActive) "; client '${client.name}' is not active" else ""
            throw AudioException(AudioErrorKind.BackendError, "JACK could not connect '${from.name}' to '${to.name}' (error $rc$inactive)", backend = JackBackend.NAME, nativeCode = rc)
        }
        awaitVisible(from, to, connected = true)
    }

    /** See [JackClient.disconnect]. */
    fun disconnect(source: String, destination: String) {
        val (from, to) = orient(source, destination, "disconnect")
        if (!from.isConnectedTo(to.name)) return
        val rc = Jack.jack_disconnect(client.handle(), from.name, to.name)
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK could not disconnect '${from.name}' from '${to.name}' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
        awaitVisible(from, to, connected = false)
    }

    /**
     * Waits until queries show the change just made: jackd applies a graph change at its next
     * cycle, so without this a `connections()` right after `connect` (or a second `connect` right
     * after `disconnect`) could read the old graph. A server that runs no cycle (frozen, or
     * stopped by an xrun storm) is given [VISIBLE_TIMEOUT_MILLIS]; the change was accepted, so
     * the call returns then without an error.
     */
    private fun awaitVisible(from: JackPort, to: JackPort, connected: Boolean) {
        val deadline = System.nanoTime() + VISIBLE_TIMEOUT_MILLIS * 1_000_000
        while (from.isConnectedTo(to.name) != connected && System.nanoTime() < deadline) Thread.sleep(1)
    }

    /** The two ports [a] and [b] as (output, input), or an exception naming what is wrong with them. */
    private fun orient(a: String, b: String, verb: String): Pair<JackPort, JackPort> {
        val handle = client.handle()
        val missing = listOf(a, b).filter { Jack.jack_port_by_name(handle, it) == 0L }
        if (missing.isNotEmpty()) {
            throw AudioException(
                AudioErrorKind.DeviceNotFound,
                "cannot $verb '$a' and '$b': no such port ${missing.joinToString(" and ") { "'$it'" }} on server ${client.serverLabel()}",
                backend = JackBackend.NAME,
            )
        }
        val first = directory.port(a)
        val second = directory.port(b)
        AudioException.require(first.type == second.type) { "cannot $verb '$a' (${first.type}) and '$b' (${second.type}): different port types" }
        return when {
            first.isOutput && second.isInput -> first to second
            first.isInput && second.isOutput -> second to first
            else -> throw AudioException(AudioErrorKind.InvalidArgument, "cannot $verb '$a' and '$b': both are ${if (first.isOutput) "outputs" else "inputs"}", backend = JackBackend.NAME)
        }
    }

    private fun readGraph(): PortGraph {
        val handle = client.nativeHandle
        val names = Jack.readStringList(Jack.jack_get_ports(handle, null, null, 0))
        return PortGraph(
            names.mapNotNull { portName ->
                val port = Jack.jack_port_by_name(handle, portName)
                if (port == 0L) return@mapNotNull null
                val view = JackPort(client, port)
                PortInfo(portName, view.type, view.flags, view.connections(), view.aliases)
            },
        )
    }

    private fun refresh() {
        val snapshot = synchronized(client.lifecycle) {
            if (!client.canQuery) return
            readGraph()
        }
        graphState.value = snapshot
    }

    private companion object {
        /** `jack_connect`'s answer for ports that are already connected. */
        const val EEXIST = 17

        /** Longest wait for a graph change to become visible. */
        const val VISIBLE_TIMEOUT_MILLIS = 1_000L
    }
}
