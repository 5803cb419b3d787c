package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.StreamConfig
import dev.audioflow.jack.JackClient
import dev.audioflow.jack.JackEvent
import dev.audioflow.jack.JackPort
import dev.audioflow.jack.MidiEvent
import dev.audioflow.jack.MidiInputPort
import dev.audioflow.jack.MidiOutputPort
import dev.audioflow.jack.OwnPort
import dev.audioflow.jack.PortFlag
import dev.audioflow.jack.PortGraph
import dev.audioflow.jack.PortType
import dev.audioflow.jack.TransportState
import java.util.concurrent.CompletableFuture

/**
 * A JACK client for Java: every [JackClient] operation without coroutines or Kotlin defaults,
 * its events, port graph, transport and xruns as [Feed]s, its streams as [Signal]s and
 * [Duplex]es, and MIDI in and out. Needs the `audioflow-jack` artifact on the class path.
 *
 * **Threads.** Methods are thread-safe and block briefly on JACK requests; call them from any
 * thread except a listener running on JACK's own threads (feeds never deliver there). Audio and
 * MIDI move on JACK's process thread through preallocated rings; Java code never runs on it.
 * The calls that wait for the server ([connect], [disconnect], [unregister], [send], [play])
 * throw [InterruptedException] when interrupted while waiting.
 *
 * **Errors.** [AudioException] with a [dev.audioflow.AudioErrorKind]: `BackendUnavailable` when
 * libjack is missing or no server answers, `InvalidArgument` naming a bad name or port,
 * `ServerShutdown` once the server is gone.
 *
 * ```java
 * try (JackSession jack = JackSession.open("patchbay", "myserver")) {
 *     jack.activate();
 *     try (Registration r = jack.events().listen(Runnable::run, System.out::println)) {
 *         OwnPort out = jack.registerAudioOutput("out_1");
 *         jack.connect(out, jack.physicalPlaybackPorts().get(0));
 *         jack.play(Signal.sine(440.0, jack.format(1)).limit(Duration.ofSeconds(1)), List.of(out));
 *         jack.unregister(out);
 *     }
 * }
 * ```
 */
public class JackSession private constructor(
    /** The Kotlin client underneath, for what this class does not wrap. */
    public val client: JackClient,
) : AutoCloseable {
    /** The client's name as the server made it (unique; may differ from the name asked for). */
    public val name: String get() = client.name

    /** The server this client is on: the name given at open, else `$JACK_DEFAULT_SERVER`, else `default`. */
    public val serverName: String = client.serverName ?: System.getenv("JACK_DEFAULT_SERVER") ?: "default"

    /** Starts the client's process callback; ports carry audio and MIDI from now on. Idempotent. */
    public fun activate(): Unit = client.activate()

    /** Stops the process callback (streams over its ports then see no new audio). Idempotent. */
    public fun deactivate(): Unit = client.deactivate()

    /** True between [activate] and [deactivate]. */
    public val isActive: Boolean get() = client.isActive

    /** True once the server has shut down this client; further calls throw `ServerShutdown`. */
    public val isShutDown: Boolean get() = client.isShutDown

    /** The server's sample rate in Hz. */
    public val sampleRate: Int get() = client.sampleRate

    /** Frames per JACK cycle; setting it asks the server to change it for every client. */
    public var bufferSize: Int
        get() = client.bufferSize
        set(value) {
            client.bufferSize = value
        }

    /** The server's DSP load, 0 to 1 of a cycle. */
    public val cpuLoad: Double get() = client.cpuLoad

    /** JACK's running frame clock (32-bit, wrapping). */
    public val frameTime: Long get() = client.frameTime

    /** A [dev.audioflow.AudioFormat] at the server's rate with [channels] channels, for signals played on its ports. */
    public fun format(channels: Int): dev.audioflow.AudioFormat = dev.audioflow.AudioFormat(sampleRate, channels)

    /** Registers an audio input port `name:shortName` with extra [flags] (none when omitted). */
    public fun registerAudioInput(shortName: String, vararg flags: PortFlag): OwnPort = client.registerAudioInput(shortName, *flags)

    /** Registers an audio output port `name:shortName` with extra [flags]. */
    public fun registerAudioOutput(shortName: String, vararg flags: PortFlag): OwnPort = client.registerAudioOutput(shortName, *flags)

    /** Registers a MIDI input port; receive with [midiEvents]. */
    public fun registerMidiInput(shortName: String, vararg flags: PortFlag): MidiInputPort = client.registerMidiInput(shortName, *flags)

    /** Registers a MIDI output port; send with [send] or [MidiOutputPort.trySend]. */
    public fun registerMidiOutput(shortName: String, vararg flags: PortFlag): MidiOutputPort = client.registerMidiOutput(shortName, *flags)

    /** Registers a port of any [type] with exactly [flags]. */
    public fun registerPort(shortName: String, type: PortType, flags: Set<PortFlag>): OwnPort = client.registerPort(shortName, type, flags)

    /**
     * Unregisters [port], blocking until the server has removed it.
     *
     * @throws AudioException `InvalidArgument` while a running stream uses it.
     * @throws InterruptedException if interrupted while waiting.
     */
    @Throws(InterruptedException::class)
    public fun unregister(port: OwnPort) {
        StreamFuture.run(KIND) { client.unregister(port) }
    }

    /** Renames [port] to `name:newShortName`. */
    public fun rename(port: OwnPort, newShortName: String): Unit = client.rename(port, newShortName)

    /** This client's registered ports. */
    public val ownedPorts: List<OwnPort> get() = client.ownedPorts

    /** Every port of the server. */
    public fun ports(): List<String> = client.ports(null, null, emptySet())

    /** The ports whose full names match the regular expression [pattern]. */
    public fun ports(pattern: String): List<String> = client.ports(pattern, null, emptySet())

    /** The ports matching [pattern] (any name when null) of [type]. */
    public fun ports(pattern: String?, type: PortType): List<String> = client.ports(pattern, type, emptySet())

    /** The ports matching [pattern] and [type] (any when null) having every flag of [flags]. */
    public fun ports(pattern: String?, type: PortType?, flags: Set<PortFlag>): List<String> = client.ports(pattern, type, flags)

    /** The hardware's capture ports (sources of audio), in order. */
    public fun physicalCapturePorts(): List<String> = client.physicalCapturePorts(PortType.Audio)

    /** The hardware's capture ports of [type]. */
    public fun physicalCapturePorts(type: PortType): List<String> = client.physicalCapturePorts(type)

    /** The hardware's playback ports (destinations of audio), in order. */
    public fun physicalPlaybackPorts(): List<String> = client.physicalPlaybackPorts(PortType.Audio)

    /** The hardware's playback ports of [type]. */
    public fun physicalPlaybackPorts(type: PortType): List<String> = client.physicalPlaybackPorts(type)

    /** The port called [name] (`client:port`), of any client. */
    public fun port(name: String): JackPort = client.port(name)

    /** The port called [name], or null when there is none. */
    public fun portOrNull(name: String): JackPort? = client.portOrNull(name)

    /** Connects [source] to [destination] (ports of any clients), returning once the graph shows it. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: String, destination: String): Unit = client.connect(source, destination)

    /** Connects [source] to [destination]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: JackPort, destination: JackPort): Unit = client.connect(source, destination)

    /** Connects [source] to the port called [destination]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: JackPort, destination: String): Unit = client.connect(source, destination)

    /** Disconnects [source] from [destination], returning once the graph shows it. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: String, destination: String): Unit = client.disconnect(source, destination)

    /** Disconnects [source] from [destination]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: JackPort, destination: JackPort): Unit = client.disconnect(source, destination)

    /** Disconnects [source] from the port called [destination]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: JackPort, destination: String): Unit = client.disconnect(source, destination)

    /** The transport's state now (a JACK query, not the polled [transport] feed). */
    public fun transportState(): TransportState = client.transportState()

    /** Starts the transport rolling. */
    public fun startTransport(): Unit = client.startTransport()

    /** Stops the transport. */
    public fun stopTransport(): Unit = client.stopTransport()

    /** Moves the transport to [frame]. */
    public fun locate(frame: Long): Unit = client.locate(frame)

    /** The server's notifications (ports, connections, clients, xruns, buffer size, rate, shutdown) as a feed of events. */
    public fun events(): Feed<JackEvent> = eventFeed(client.events)

    /** The port graph (every port with its connections), as a feed of states refreshed on every graph change. */
    public fun graph(): Feed<PortGraph> = stateFeed(client.graph)

    /** The transport, polled every 10 ms while listened to, as a feed of states. */
    public fun transport(): Feed<TransportState> = stateFeed(client.transport)

    /** The count of xruns the server reported since the client opened, as a feed of states. */
    public fun xruns(): Feed<Long> = stateFeed(client.xruns)

    /**
     * The MIDI events arriving on [port] while listened to, as a feed of events; one listener
     * or subscriber at a time (a second fails with `DeviceBusy`).
     */
    public fun midiEvents(port: MidiInputPort): Feed<MidiEvent> = eventFeed(port.events(1))

    /**
     * Queues [event] for [port]'s next cycle, blocking while the port's ring is full.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    @Throws(InterruptedException::class)
    public fun send(port: MidiOutputPort, event: MidiEvent) {
        if (!port.trySend(event)) StreamFuture.run(KIND) { port.send(event) }
    }

    /** An [AudioDevice] over this client's [inputs] and [outputs] ports (channel `i` is port `i`), for the core and facade APIs. */
    public fun device(inputs: List<OwnPort>, outputs: List<OwnPort>): AudioDevice = client.device(inputs, outputs)

    /** A stream configuration of [channels] channels at the server's rate, one JACK cycle per block. */
    public fun streamConfig(channels: Int): StreamConfig = client.streamConfig(channels, client.bufferSize)

    /** The audio arriving on [ports], interleaved in port order, as a signal (the stream opens when it runs). */
    @JvmOverloads
    public fun input(ports: List<OwnPort>, watch: StreamWatch? = null): Signal =
        Signal.input(device(ports, emptyList()), streamConfig(ports.size), watch)

    /** Plays [signal] on [ports] (channel `i` to port `i`), blocking until it has been played. */
    @Throws(InterruptedException::class)
    @JvmOverloads
    public fun play(signal: Signal, ports: List<OwnPort>, watch: StreamWatch? = null) {
        signal.play(device(emptyList(), ports), streamConfig(ports.size), watch)
    }

    /** [play] in the background; `cancel(true)` stops it and closes the stream. */
    @JvmOverloads
    public fun playAsync(signal: Signal, ports: List<OwnPort>, watch: StreamWatch? = null): CompletableFuture<Void?> =
        signal.playAsync(device(emptyList(), ports), streamConfig(ports.size), watch)

    /** A duplex from [inputs] to [outputs] in one stream, one JACK cycle per block; run it with [Duplex.run]. */
    public fun duplex(inputs: List<OwnPort>, outputs: List<OwnPort>): Duplex {
        val config = streamConfig(inputs.size).copy(outputChannels = outputs.size)
        return Duplex.on(device(inputs, outputs), config)
    }

    /** Closes the client: stops its streams, unregisters its ports and leaves the server. Idempotent. */
    override fun close(): Unit = client.close()

    override fun toString(): String = "JackSession('$name' on '$serverName')"

    /** Opening a session. */
    public companion object {
        private const val KIND = "jack"

        /**
         * Opens a client called [name] on the server [serverName] (null or omitted:
         * `$JACK_DEFAULT_SERVER`, else `default`); see [JackClient.open] for [noStartServer] and
         * [useExactName]. The client starts inactive: call [activate].
         *
         * @throws AudioException `BackendUnavailable` when libjack is missing or no server answers.
         */
        @JvmStatic
        @JvmOverloads
        public fun open(name: String, serverName: String? = null, noStartServer: Boolean = true, useExactName: Boolean = false): JackSession =
            JackSession(JackClient.open(name, serverName, noStartServer, useExactName))
    }
}
