package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.Jack

/**
 * The server's ports as one client finds them: by name, pattern, type and flags. A port of the
 * client itself is answered with its [OwnPort]. Non-realtime; the calls block briefly on JACK
 * requests.
 */
internal class PortDirectory(private val client: JackClient, private val ownPorts: OwnPortRegistry) {
    /** See [JackClient.ports]. */
    fun names(pattern: String?, type: PortType?, flags: Set<PortFlag>): List<String> =
        Jack.readStringList(Jack.jack_get_ports(client.handle(), pattern, type?.id, PortFlag.bits(flags).toLong()))

    /** See [JackClient.port]. */
    fun port(name: String): JackPort = portOrNull(name)
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "no JACK port named '$name' on server ${client.serverLabel()}", backend = JackBackend.NAME)

    /** See [JackClient.portOrNull]. */
    fun portOrNull(name: String): JackPort? {
        val handle = Jack.jack_port_by_name(client.handle(), name)
        if (handle == 0L) return null
        return ownPorts.find(handle) ?: JackPort(client, handle)
    }
}
