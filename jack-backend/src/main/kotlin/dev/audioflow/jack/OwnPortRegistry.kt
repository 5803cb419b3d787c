package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.MidiInputProcessor
import dev.audioflow.jack.internal.MidiOutputProcessor
import dev.audioflow.jack.internal.MidiRing
import dev.audioflow.jack.internal.ProcessDispatcher
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The ports one client registered: registration (MIDI ports get their process-thread
 * processor), unregistration, renaming, the ports running streams hold ([claim]/[release]), and
 * JACK's default latency rule over them. Thread-safe; non-realtime.
 */
internal class OwnPortRegistry(private val client: JackClient, private val dispatcher: ProcessDispatcher) {
    private val ports = CopyOnWriteArrayList<OwnPort>()
    private val claimed = CopyOnWriteArrayList<LongArray>()

    /** The registered ports, in registration order. */
    val all: List<OwnPort> get() = ports.toList()

    /** See [JackClient.registerPort]. */
    fun register(shortName: String, type: PortType, flags: Set<PortFlag>): OwnPort {
        val handle = client.handle()
        val fullName = "${client.name}:$shortName"
        AudioException.require(shortName.isNotBlank()) { "port name must not be blank (client '${client.name}')" }
        AudioException.require(fullName.length < Jack.jack_port_name_size()) {
            "port name '$fullName' is longer than JACK's limit of ${Jack.jack_port_name_size() - 1} characters"
        }
        AudioException.require((PortFlag.Input in flags) != (PortFlag.Output in flags)) {
            "port '$fullName' needs exactly one of Input and Output, was $flags"
        }
        AudioException.require(Jack.jack_port_by_name(handle, fullName) == 0L) { "client '${client.name}' already has a port named '$fullName'" }
        val port = Jack.jack_port_register(handle, shortName, type.id, PortFlag.bits(flags).toLong(), 0)
        if (port == 0L) throw AudioException(AudioErrorKind.BackendError, "JACK refused to register port '$fullName' ($type, $flags)", backend = JackBackend.NAME)
        val registered = when {
            type == PortType.Midi && PortFlag.Input in flags ->
                MidiInputPort(client, port, MidiInputProcessor(port, MidiRing(MIDI_RING_BYTES), dispatcher.calls)).also { dispatcher.attach(it.processor) }
            type == PortType.Midi -> MidiOutputPort(client, port, MidiOutputProcessor(port, MidiRing(MIDI_RING_BYTES), dispatcher.calls)).also { dispatcher.attach(it.processor) }
            else -> OwnPort(client, port)
        }
        ports += registered
        return registered
    }

    /** See [JackClient.unregister]. */
    suspend fun unregister(port: OwnPort) {
        val handle = client.handle()
        requireOwn(port)
        AudioException.require(claimed.none { port.handle in it }) { "port '${port.name}' is used by a running stream" }
        when (port) {
            is MidiInputPort -> dispatcher.detach(port.processor)
            is MidiOutputPort -> dispatcher.detach(port.processor)
            else -> Unit
        }
        val fullName = port.name
        ports -= port
        port.unregistered = true
        val rc = Jack.jack_port_unregister(handle, port.handle)
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK refused to unregister port '$fullName' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /** See [JackClient.rename]. */
    fun rename(port: OwnPort, newShortName: String) {
        val handle = client.handle()
        requireOwn(port)
        AudioException.require(newShortName.isNotBlank()) { "new port name must not be blank" }
        val rc = Jack.jack_port_rename(handle, port.live(), newShortName)
        if (rc != 0) throw AudioException(AudioErrorKind.InvalidArgument, "JACK refused to rename port '${port.name}' to '$newShortName' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /** The registered port with [handle], or null. */
    fun find(handle: Long): OwnPort? = ports.firstOrNull { it.handle == handle }

    /** Throws [AudioErrorKind.InvalidArgument] naming [port] unless it is registered by this client. */
    fun requireOwn(port: OwnPort) {
        AudioException.require(port.client === client && port in ports) { "port '${port.name}' is not a port of client '${client.name}'" }
    }

    /** As [requireOwn], and [port] must be an audio port in the direction [input] says. */
    fun requireOwnAudio(port: OwnPort, input: Boolean) {
        requireOwn(port)
        AudioException.require(port.type == PortType.Audio) { "port '${port.name}' is a ${port.type} port, not audio" }
        AudioException.require(port.isInput == input) { "port '${port.name}' is an ${if (input) "output" else "input"}, expected an ${if (input) "input" else "output"}" }
    }

    /** Marks the ports with [handles] as used by a running stream: they cannot be unregistered until [release]. */
    fun claim(handles: LongArray) {
        claimed += handles
    }

    fun release(handles: LongArray) {
        claimed.remove(handles)
    }

    /** JACK's default latency rule over the ports still registered; see [LatencyPropagation]. */
    fun propagateLatency(mode: Int) {
        LatencyPropagation.propagate(ports.filter { !it.unregistered }, mode)
    }

    private companion object {
        const val MIDI_RING_BYTES = 64 * 1024
    }
}
