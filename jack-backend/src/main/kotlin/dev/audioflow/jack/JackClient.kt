@file:JvmName("JackClients")

package dev.audioflow.jack

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.NativeCallPath
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.input
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.LibjackThreads
import dev.audioflow.jack.internal.ProcessCalls
import dev.audioflow.jack.internal.ProcessDispatcher
import dev.audioflow.playOn
import dev.audioflow.spi.UpcallScope
import dev.audioflow.spi.jna.NativeCalls
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toJavaDuration

/**
 * A JACK client: ports, connections (of any client: a patchbay), graph events, transport,
 * xruns, MIDI, and audio streams over its ports.
 *
 * Open with [open] or [jackClient] and close with [close] (or `use`): closing unregisters the
 * client, stops its streams and callbacks and releases everything. Methods are thread-safe and
 * block briefly on JACK requests; call them from any thread except JACK's own callbacks.
 *
 * **Threads.** Audio and MIDI data move on JACK's process thread through preallocated rings
 * (nothing there allocates, locks or logs). The process callback reaches the JVM on the
 * [nativeCallPath] chosen when the client opened: an FFM upcall stub on JDK 22+ with
 * `audioflow-native-ffm`, a JNA callback otherwise. JACK's notifications (ports, connections,
 * clients, xruns, buffer size, sample rate, shutdown...) are turned into [events] without
 * blocking JACK's notification thread; [graph] and [transport] are refreshed by coroutines of
 * the client.
 *
 * This class holds the client's lifecycle and the server's properties; each other concern lives
 * in an internal part of its own that the members here delegate to: own ports
 * (`OwnPortRegistry`), port queries (`PortDirectory`), connections and the graph (`Patchbay`),
 * the transport (`Transport`), streams over own ports (`StreamBridge`), notifications
 * (`Notifications`), opening and its errors (`ClientOpener`).
 *
 * **Patchbay example**
 * ```
 * coroutineScope {
 *     jackClient("patchbay") {
 *         activate()
 *         val watcher = launch { events.collect { println(it) } }   // PortConnected(...), GraphReordered...
 *         val capture = physicalCapturePorts().first()               // "system:capture_1"
 *         connect(capture, "synth:in_1")                             // any clients' ports, by name
 *         graph.first { it.isConnected(capture, "synth:in_1") }     // wait for the snapshot
 *         graph.value.connections.forEach { println("${it.source} -> ${it.destination}") }
 *         disconnect(capture, "synth:in_1")
 *         watcher.cancel()
 *     }
 * }
 * ```
 */
@OptIn(DelicateAudioApi::class)
public class JackClient private constructor(
    internal val nativeHandle: Long,
    /** The server name this client was opened on, or null for the default server. */
    public val serverName: String?,
    native: NativeCalls,
    /** libjack's notification thread(s) of this client, so that [close] cancels none of them inside the JVM. */
    internal val libjackThreads: LibjackThreads,
) : AutoCloseable {

    /** How JACK's process callback reaches the JVM for this client (JNA or FFM), chosen when it opened. */
    public val nativeCallPath: NativeCallPath = native.path

    /** The client's actual name (JACK may have made the requested one unique). */
    public val name: String = Jack.readString(Jack.jack_get_client_name(nativeHandle)) ?: ""

    /** Serialises activation, deactivation and closing with the reads that must not race a close. */
    internal val lifecycle = Any()
    @Volatile private var closed = false
    @Volatile private var active = false
    @Volatile private var shutdownError: AudioException? = null
    @Volatile private var closedError: AudioException? = null
    private var cyclesAtActivation = 0L

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("jack-client-$name"))

    /**
     * The process callback's upcall stub on the FFM path: libjack holds its pointer until
     * `jack_client_close` returns, and only then is it freed ([close]).
     */
    private val upcalls: UpcallScope? = native.foreign?.openUpcalls()
    private val dispatcher = ProcessDispatcher(nativeHandle, ProcessCalls.of(native))
    private val ownPorts = OwnPortRegistry(this, dispatcher)
    private val directory = PortDirectory(this, ownPorts)
    private val patchbay = Patchbay(this, directory, scope)
    private val transportControl = Transport(this, scope)
    /** Where [JackStream]s attach to this client. */
    internal val streams = StreamBridge(this, dispatcher, ownPorts)
    private val notifications = Notifications(
        nativeHandle, name, serverName,
        onXrun = streams::reportXrun,
        onGraphChanged = patchbay::markDirty,
        onLatency = ownPorts::propagateLatency,
        onShutdown = { error -> if (shutdownError == null) shutdownError = error },
        threads = libjackThreads,
    )

    /**
     * Every server notification, in JACK's order, from the moment of collection: hot, never
     * completes. Keeps up to 4096 events for a slow collector, then drops the oldest.
     */
    public val events: SharedFlow<JackEvent> = notifications.events

    /** The current port graph (ports, types, flags, connections), refreshed after every change. */
    public val graph: StateFlow<PortGraph> = patchbay.graph

    /** Xruns reported by JACK since this client opened. */
    public val xruns: StateFlow<Long> = notifications.xruns

    /**
     * The transport state, polled every [TRANSPORT_POLL_INTERVAL] while collected; reading
     * `value` without a collector gives the last polled state (use [transportState] for a fresh one).
     */
    public val transport: StateFlow<TransportState> get() = transportControl.polled

    init {
        notifications.register(dispatcher, upcalls)
        patchbay.start()
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the process callback: streams and MIDI ports run, connections can be made. Idempotent. */
    public fun activate() {
        synchronized(lifecycle) {
            checkUsable()
            if (active) return
            cyclesAtActivation = dispatcher.cycles
            check(Jack.jack_activate(nativeHandle), "activate client '$name'")
            active = true
        }
    }

    /** Lets the process thread finish attaching to the JVM before JACK cancels it (see [ProcessDispatcher.awaitCycleAfter]). */
    private fun settleProcessThread() {
        if (!active || shutdownError != null) return
        dispatcher.awaitCycleAfter(cyclesAtActivation, SETTLE_TIMEOUT_MILLIS)
        dispatcher.closing = true
    }

    /** Stops the process callback; JACK removes this client's connections. Idempotent. */
    public fun deactivate() {
        synchronized(lifecycle) {
            checkUsable()
            if (!active) return
            settleProcessThread()
            val rc = Jack.jack_deactivate(nativeHandle)
            dispatcher.closing = false
            check(rc, "deactivate client '$name'")
            active = false
        }
    }

    /** True between [activate] and [deactivate]. */
    public val isActive: Boolean get() = active

    /** True once the server shut down (or threw this client out); the client is then unusable. */
    public val isShutDown: Boolean get() = shutdownError != null

    /**
     * Closes the client: its running streams end with [AudioErrorKind.StreamInvalidated],
     * and it is deactivated and unregistered. Idempotent; safe after a server shutdown.
     *
     * libjack stops the client's threads with an asynchronous `pthread_cancel`, which must never
     * land while one of them is inside the JVM (issue 19, defect 2: a JVM abort). So the process
     * thread is let through its first cycle and kept short ([settleProcessThread]) before
     * `jack_deactivate`, and the notification thread, which reaches the JVM only while the
     * client is active, is waited for until it is back in libjack's own code
     * ([Notifications.quiesce]) before `jack_client_close`. Should it not come back within
     * [QUIESCE_TIMEOUT_MILLIS] (a callback stuck in the JVM), the client is abandoned instead of
     * closed: it stays registered with the server until this process exits, and its callbacks
     * and upcall stubs are kept alive, never freed under libjack.
     */
    override fun close() {
        synchronized(lifecycle) {
            if (closed) return
            closedError = AudioException(AudioErrorKind.StreamInvalidated, "JACK client '$name' was closed", backend = JackBackend.NAME)
            closed = true
            scope.cancel()
            patchbay.stop()
            if (active) {
                settleProcessThread()
                Jack.jack_deactivate(nativeHandle)
                active = false
            }
            if (notifications.quiesce(QUIESCE_TIMEOUT_MILLIS)) {
                Jack.jack_client_close(nativeHandle)
                // libjack no longer holds the process callback: only now may its stub be freed.
                upcalls?.close()
            } else {
                abandoned.add(this)
                System.getLogger(LOGGER).log(
                    System.Logger.Level.WARNING,
                    "JACK client '$name' left open: libjack's notification thread (tasks ${libjackThreads.watched()}) " +
                        "did not leave the JVM within $QUIESCE_TIMEOUT_MILLIS ms, and cancelling it there would abort the JVM",
                )
            }
            ServerAffinity.release(this)
        }
    }

    // ---------------------------------------------------------------- server properties

    /** The server's sample rate in Hz. */
    public val sampleRate: Int get() = Jack.jack_get_sample_rate(handle())

    /** The server's buffer size (frames per process cycle). Setting it asks JACK to change it for every client. */
    public var bufferSize: Int
        get() = Jack.jack_get_buffer_size(handle())
        set(value) {
            AudioException.require(value in 1..MAX_BUFFER_FRAMES) { "bufferSize must be in 1..$MAX_BUFFER_FRAMES, was $value" }
            val rc = Jack.jack_set_buffer_size(handle(), value)
            if (rc != 0) throw AudioException(AudioErrorKind.InvalidArgument, "JACK refused buffer size $value (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
        }

    /**
     * JACK's DSP load, averaged over recent cycles, as a fraction of the period (0..1, above 1
     * when overloaded): the unit of [dev.audioflow.StreamStats.cpuLoad]. JACK reports percent.
     */
    public val cpuLoad: Double get() = Jack.jack_cpu_load(handle()) / 100.0

    /** True when the server runs its process threads with realtime priority. */
    public val isRealtime: Boolean get() = Jack.jack_is_realtime(handle()) != 0

    /** The estimated current time in frames (a free-running 32-bit counter, widened). */
    public val frameTime: Long get() = Jack.jack_frame_time(handle()).toLong() and 0xFFFF_FFFFL

    /** The frame time at the start of the current (or last) process cycle. */
    public val lastFrameTime: Long get() = Jack.jack_last_frame_time(handle()).toLong() and 0xFFFF_FFFFL

    /** Estimated frames since the current cycle started. */
    public val framesSinceCycleStart: Int get() = Jack.jack_frames_since_cycle_start(handle())

    /** Process cycles this client has run. */
    public val cycles: Long get() = dispatcher.cycles

    // ---------------------------------------------------------------- own ports

    /**
     * Registers a port of [type] called `name:shortName` with [flags] (exactly one of
     * [PortFlag.Input] and [PortFlag.Output], plus optionally physical, terminal, can-monitor).
     * Audio and MIDI ports of this client are serviced on the process thread from now on.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a bad or duplicate name or
     *   flags, [AudioErrorKind.BackendError] when JACK refuses.
     */
    public fun registerPort(shortName: String, type: PortType, flags: Set<PortFlag>): OwnPort = ownPorts.register(shortName, type, flags)

    /** Registers an audio input port (a sink other clients connect their outputs to). */
    public fun registerAudioInput(shortName: String, vararg extraFlags: PortFlag): OwnPort =
        registerPort(shortName, PortType.Audio, setOf(PortFlag.Input, *extraFlags))

    /** Registers an audio output port. */
    public fun registerAudioOutput(shortName: String, vararg extraFlags: PortFlag): OwnPort =
        registerPort(shortName, PortType.Audio, setOf(PortFlag.Output, *extraFlags))

    /** Registers a MIDI input port; read it with [MidiInputPort.events]. */
    public fun registerMidiInput(shortName: String, vararg extraFlags: PortFlag): MidiInputPort =
        registerPort(shortName, PortType.Midi, setOf(PortFlag.Input, *extraFlags)) as MidiInputPort

    /** Registers a MIDI output port; write it with [MidiOutputPort.send]. */
    public fun registerMidiOutput(shortName: String, vararg extraFlags: PortFlag): MidiOutputPort =
        registerPort(shortName, PortType.Midi, setOf(PortFlag.Output, *extraFlags)) as MidiOutputPort

    /**
     * Unregisters [port], one of this client's.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for another client's port or a
     *   port a running stream uses.
     */
    @JvmSynthetic
    public suspend fun unregister(port: OwnPort): Unit = ownPorts.unregister(port)

    /** Renames [port] (one of this client's) to `name:newShortName`. */
    public fun rename(port: OwnPort, newShortName: String): Unit = ownPorts.rename(port, newShortName)

    /** This client's registered ports. */
    public val ownedPorts: List<OwnPort> get() = ownPorts.all

    // ---------------------------------------------------------------- port queries

    /**
     * Full names of the server's ports matching [pattern] (a regular expression, null for all),
     * [type] (null for all) and having every flag in [flags], in JACK's order.
     */
    @JvmOverloads
    public fun ports(pattern: String? = null, type: PortType? = null, flags: Set<PortFlag> = emptySet()): List<String> =
        directory.names(pattern, type, flags)

    /** The physical capture ports (sources of audio), e.g. `system:capture_1`. */
    @JvmOverloads
    public fun physicalCapturePorts(type: PortType = PortType.Audio): List<String> = ports(null, type, setOf(PortFlag.Output, PortFlag.Physical))

    /** The physical playback ports (audio sinks), e.g. `system:playback_1`. */
    @JvmOverloads
    public fun physicalPlaybackPorts(type: PortType = PortType.Audio): List<String> = ports(null, type, setOf(PortFlag.Input, PortFlag.Physical))

    /**
     * The port called [name] (`client:port`), of any client; an [OwnPort] for one of this client's.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming it when there is none.
     */
    public fun port(name: String): JackPort = directory.port(name)

    /** The port called [name], or null. */
    public fun portOrNull(name: String): JackPort? = directory.portOrNull(name)

    // ---------------------------------------------------------------- connections

    /**
     * Connects [source] to [destination] (full port names, of any clients). The two may be given
     * in either order; JACK's direction (output to input) is used. Connecting ports that are
     * already connected does nothing. This client must be active. Returns once queries
     * ([JackPort.connections], [graph] refreshes) show the connection: jackd applies graph changes
     * at its next cycle, so this blocks for up to one period (at most 1 s on a server that runs
     * no cycle).
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming a port that does not exist,
     *   [AudioErrorKind.InvalidArgument] naming both ports when they cannot be connected
     *   (same direction, different types).
     */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: String, destination: String): Unit = patchbay.connect(source, destination)

    /** Connects two ports. See [connect]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: JackPort, destination: JackPort): Unit = connect(source.name, destination.name)

    /** Connects a port to a port name. See [connect]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun connect(source: JackPort, destination: String): Unit = connect(source.name, destination)

    /**
     * Disconnects [source] from [destination] (either order). Disconnecting ports that are not
     * connected does nothing. Like [connect], returns once queries show the change.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming a port that does not exist.
     */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: String, destination: String): Unit = patchbay.disconnect(source, destination)

    /** Disconnects two ports. See [disconnect]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: JackPort, destination: JackPort): Unit = disconnect(source.name, destination.name)

    /** Disconnects a port from a port name. See [disconnect]. */
    @Throws(InterruptedException::class, AudioException::class)
    public fun disconnect(source: JackPort, destination: String): Unit = disconnect(source.name, destination)

    // ---------------------------------------------------------------- transport

    /** Queries the transport now. */
    public fun transportState(): TransportState = transportControl.state()

    /** Starts the transport rolling. */
    public fun startTransport(): Unit = transportControl.start()

    /** Stops the transport. */
    public fun stopTransport(): Unit = transportControl.stop()

    /**
     * Moves the transport to [frame].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a frame outside 0..2^32-1 or one JACK refuses.
     */
    public fun locate(frame: Long): Unit = transportControl.locate(frame)

    // ---------------------------------------------------------------- streams

    /**
     * An [AudioDevice] whose input channels are [inputs] and output channels are [outputs]
     * (this client's audio ports, in channel order), to use with core's `input`, `playOn` and
     * `duplex`: channel `i` of the Flow is port `i`. The stream activates the client if needed.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming a port that is not an
     *   audio port of this client in the right direction.
     */
    @JvmOverloads
    public fun device(inputs: List<OwnPort> = emptyList(), outputs: List<OwnPort> = emptyList()): AudioDevice = streams.device(inputs, outputs)

    /** Audio arriving on [ports] as a cold Flow of blocks interleaved in port order. See [dev.audioflow.input]. */
    @JvmOverloads
    public fun input(ports: List<OwnPort>, config: StreamConfig = streamConfig(ports.size), monitor: StreamMonitor? = null): Flow<FloatBlock> =
        device(inputs = ports).input(config, monitor)

    /** Plays [audio] on [ports] (channel `i` to port `i`) until it completes. See [dev.audioflow.playOn]. */
    @JvmSynthetic
    public suspend fun play(audio: Flow<FloatBlock>, ports: List<OwnPort>, config: StreamConfig = streamConfig(ports.size), monitor: StreamMonitor? = null) {
        audio.playOn(device(outputs = ports), config, monitor)
    }

    /** Full duplex over [inputs] and [outputs] in one stream. See [dev.audioflow.duplex]. */
    @JvmSynthetic
    public suspend fun duplex(
        inputs: List<OwnPort>,
        outputs: List<OwnPort>,
        config: StreamConfig = streamConfig(inputs.size).copy(outputChannels = outputs.size),
        monitor: StreamMonitor? = null,
        transform: (Flow<FloatBlock>) -> Flow<FloatBlock>,
    ) {
        val device = device(inputs, outputs)
        device.duplex(config, device, monitor, transform)
    }

    /** A [StreamConfig] for [channels] channels at the server's rate, one JACK cycle per block. */
    @JvmOverloads
    public fun streamConfig(channels: Int, blockFrames: Int = bufferSize): StreamConfig =
        StreamConfig(AudioFormat(sampleRate, channels), BlockSize.Fixed(blockFrames))

    // ---------------------------------------------------------------- for the other parts of the client

    /** What the process thread calls every cycle, on this client's path; for the processors of its streams. */
    internal val processCalls: ProcessCalls get() = dispatcher.calls

    /** Why this client's streams must end (server shutdown, or closed), or null while it is usable. */
    internal val failure: AudioException? get() = shutdownError ?: closedError

    internal val isClosed: Boolean get() = closed

    /** True while JACK may be asked about this client: not closed, server not gone. */
    internal val canQuery: Boolean get() = !closed && shutdownError == null

    /** True while the process callback runs: active, not closed, server not gone. */
    internal val canProcess: Boolean get() = active && canQuery

    /** The native handle of a usable client. */
    internal fun handle(): Long {
        checkUsable()
        return nativeHandle
    }

    internal fun checkNotShutDown() {
        shutdownError?.let { throw it }
    }

    internal fun checkUsable() {
        if (closed) throw AudioException(AudioErrorKind.InvalidArgument, "JACK client '$name' is closed", backend = JackBackend.NAME)
        checkNotShutDown()
    }

    internal fun serverLabel(): String = "'${ClientOpener.effectiveServerName(serverName)}'"

    private fun check(rc: Int, what: String) {
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK failed to $what (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    override fun toString(): String = "JackClient('$name' on ${serverLabel()}${if (isShutDown) ", shut down" else ""}${if (closed) ", closed" else ""})"

    public companion object {
        /** Transport polling period of [transport]. */
        @get:JvmSynthetic
        public val TRANSPORT_POLL_INTERVAL: Duration = 10.milliseconds

        /** [TRANSPORT_POLL_INTERVAL] as a `java.time.Duration` (the Java form, `JackClient.transportPollInterval()`). */
        @JvmStatic
        public fun transportPollInterval(): java.time.Duration = TRANSPORT_POLL_INTERVAL.toJavaDuration()

        /** Largest JACK buffer size the realtime buffers are sized for. */
        public const val MAX_BUFFER_FRAMES: Int = 8192

        private const val SETTLE_TIMEOUT_MILLIS = 500L
        private const val QUIESCE_TIMEOUT_MILLIS = 2_000L
        private const val LOGGER = "dev.audioflow.jack"

        /** Clients [close] could not close safely: kept reachable so that nothing libjack still calls is collected. */
        private val abandoned = java.util.concurrent.ConcurrentLinkedQueue<JackClient>()

        /**
         * Opens a client called [name] on the server [serverName] (null: `$JACK_DEFAULT_SERVER`
         * or `default`). With [noStartServer] (the default) no server is started when none
         * runs; with [useExactName] the call fails instead of picking a unique variant of a
         * taken name. The client starts inactive; call [activate].
         *
         * The client's [nativeCallPath] is chosen here (see [NativeCallPath]).
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] for an empty, too long or
         *   colon-containing name, or a bad `audioflow.native.path`; [AudioErrorKind.BackendUnavailable]
         *   when libjack is missing, no server answers, or `audioflow.native.path=ffm` cannot be
         *   had; [AudioErrorKind.DeviceBusy] when [useExactName] and the name is taken, or when
         *   another client of this process is open on a different server (libjack serves one
         *   server per process).
         */
        @JvmStatic
        @JvmOverloads
        public fun open(name: String, serverName: String? = null, noStartServer: Boolean = true, useExactName: Boolean = false): JackClient =
            open(name, serverName, noStartServer, useExactName, NativeCalls.choose(JackBackend.NAME))

        /** [open] on the call path [native], chosen by the caller (a [JackBackend], once). */
        internal fun open(name: String, serverName: String?, noStartServer: Boolean, useExactName: Boolean, native: NativeCalls): JackClient =
            ServerAffinity.opening(ClientOpener.effectiveServerName(serverName), name) {
                val before = LibjackThreads.snapshot()
                val handle = ClientOpener.open(name, serverName, noStartServer, useExactName)
                JackClient(handle, serverName, native, LibjackThreads.openedSince(before))
            }
    }
}

/**
 * Opens a JACK client, runs [block] with it, and closes it however [block] ends. See
 * [JackClient.open] for the parameters. Kotlin only: Java opens the client with
 * [JackClient.open] in a try-with-resources statement.
 */
@JvmSynthetic
public inline fun <T> jackClient(
    name: String,
    serverName: String? = null,
    noStartServer: Boolean = true,
    useExactName: Boolean = false,
    block: JackClient.() -> T,
): T = JackClient.open(name, serverName, noStartServer, useExactName).use { it.block() }
