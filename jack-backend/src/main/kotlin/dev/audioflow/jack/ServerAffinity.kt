package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import java.util.concurrent.ConcurrentHashMap

/**
 * One JACK server per process at a time: jack2's libjack keeps its connection to the server
 * (shared memory, the engine control) in process-wide globals made by the first client, so a
 * second client opened for *another* server while the first is open silently lands on the first
 * one's server (its ports, its graph), and closing them later crashed the JVM inside libjack
 * (SIGSEGV on libjack's control thread, seen in NetJackSpec's first version). [ClientOpener]
 * refuses that open instead, with an [AudioException] that names both servers. Clients whose
 * server has shut down do not count: their server is gone, and a new one may be used.
 *
 * Thread-safe: opens are serialised (so two threads cannot open clients of two servers at
 * once); [release] never blocks.
 */
internal object ServerAffinity {
    private val open = ConcurrentHashMap<JackClient, String>()

    /**
     * Throws when a live client of this process talks to a server other than [server].
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] naming both servers and the open client.
     */
    fun check(server: String, clientName: String) {
        val other = open.entries.firstOrNull { (client, name) -> name != server && !client.isShutDown && !client.isClosed } ?: return
        throw AudioException(
            AudioErrorKind.DeviceBusy,
            "cannot open JACK client '$clientName' on server '$server': client '${other.key.name}' of this process is open on server '${other.value}', " +
                "and libjack serves one server per process; close it first, or reach the other server from another process",
            backend = JackBackend.NAME,
        )
    }

    /** Checks [server] (see [check]), opens a client with [opener] and records it, as one step for concurrent opens. */
    @Synchronized
    fun opening(server: String, clientName: String, opener: () -> JackClient): JackClient {
        check(server, clientName)
        return opener().also { open[it] = server }
    }

    /** Forgets [client] (closed). */
    fun release(client: JackClient) {
        open.remove(client)
    }
}
