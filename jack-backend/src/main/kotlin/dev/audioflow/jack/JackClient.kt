package dev.audioflow.jack

import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.input
import dev.audioflow.jack.internal.ArgCallback
import dev.audioflow.jack.internal.ClientRegistrationCallback
import dev.audioflow.jack.internal.FramesCallback
import dev.audioflow.jack.internal.FreewheelCallback
import dev.audioflow.jack.internal.InfoShutdownCallback
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.JackOpenLibrary
import dev.audioflow.jack.internal.LatencyCallback
import dev.audioflow.jack.internal.MidiInputProcessor
import dev.audioflow.jack.internal.MidiOutputProcessor
import dev.audioflow.jack.internal.MidiRing
import dev.audioflow.jack.internal.PortConnectCallback
import dev.audioflow.jack.internal.PortRegistrationCallback
import dev.audioflow.jack.internal.PortRenameCallback
import dev.audioflow.jack.internal.ProcessDispatcher
import dev.audioflow.playOn
import dev.audioflow.spi.RealtimeEndpoint
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.launch
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.update

/**
 * A JACK client: ports, connections (of any client: a patchbay), graph events, transport,
 * xruns, MIDI, and audio streams over its ports.
 *
 * Open with [open] or [jackClient] and close with [close] (or `use`): closing unregisters the
 * client, stops its streams and callbacks and releases everything. Methods are thread-safe and
 * block briefly on JACK requests; call them from any thread except JACK's own callbacks.
 *
 * **Threads.** Audio and MIDI data move on JACK's process thread through preallocated rings
 * (nothing there allocates, locks or logs). JACK's notifications (ports, connections,
 * clients, xruns, buffer size, sample rate, shutdown...) are turned into [events] without
 * blocking JACK's notification thread; [graph] and [transport] are refreshed by coroutines of
 * the client.
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
    private val nativeHandle: Long,
    /** The server name this client was opened on, or null for the default server. */
    public val serverName: String?,
) : AutoCloseable {

    /** The client's actual name (JACK may have made the requested one unique). */
    public val name: String = Jack.readString(Jack.jack_get_client_name(nativeHandle)) ?: ""

    private val lifecycle = Any()
    @Volatile private var closed = false
    @Volatile private var shutdownError: AudioException? = null
    @Volatile private var active = false

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("jack-client-$name"))
    private val dispatcher = ProcessDispatcher(nativeHandle)
    private val notifications = Notifications()
    private val ownPorts = CopyOnWriteArrayList<JackPort>()
    private val runningStreams = CopyOnWriteArrayList<RealtimeEndpoint>()
    private val streamPorts = CopyOnWriteArrayList<LongArray>()
    private val portNames = ConcurrentHashMap<Int, String>()

    private val eventFlow = MutableSharedFlow<JackEvent>(extraBufferCapacity = EVENT_BUFFER, onBufferOverflow = BufferOverflow.DROP_OLDEST)
    private val graphState = MutableStateFlow(PortGraph.EMPTY)
    private val graphDirty = Channel<Unit>(Channel.CONFLATED)
    private val xrunState = MutableStateFlow(0L)
    @Volatile private var lastTransport = TransportState.UNKNOWN

    /**
     * Every server notification, in JACK's order, from the moment of collection: hot, never
     * completes. Keeps up to 4096 events for a slow collector, then drops the oldest.
     */
    public val events: SharedFlow<JackEvent> = eventFlow.asSharedFlow()

    /** The current port graph (ports, types, flags, connections), refreshed after every change. */
    public val graph: StateFlow<PortGraph> = graphState.asStateFlow()

    /** Xruns reported by JACK since this client opened. */
    public val xruns: StateFlow<Long> = xrunState.asStateFlow()

    /**
     * The transport state, polled every [TRANSPORT_POLL_MILLIS] ms while collected; reading
     * `value` without a collector gives the last polled state (use [transportState] for a fresh one).
     */
    public val transport: StateFlow<TransportState> by lazy {
        flow {
            while (true) {
                emit(transportState())
                delay(TRANSPORT_POLL_MILLIS)
            }
        }.stateIn(scope, SharingStarted.WhileSubscribed(), transportState())
    }

    /** The AudioBackend that opens streams over this client's ports; see [device]. */
    internal val backend: JackBackend by lazy { JackBackend(serverName, this) }

    init {
        registerCallbacks()
        graphState.value = readGraph()
        scope.launch { for (signal in graphDirty) refreshGraph() }
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

    private var cyclesAtActivation = 0L

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
     * Closes the client: fails its running streams with [AudioErrorKind.StreamInvalidated],
     * deactivates and unregisters it. Idempotent; safe after a server shutdown.
     */
    override fun close() {
        synchronized(lifecycle) {
            if (closed) return
            closed = true
            val reason = AudioException(AudioErrorKind.StreamInvalidated, "JACK client '$name' was closed", backend = JackBackend.NAME)
            runningStreams.forEach { it.fail(reason) }
            scope.cancel()
            graphDirty.close()
            settleProcessThread()
            Jack.jack_client_close(nativeHandle)
            active = false
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

    /** JACK's DSP load in percent, averaged over recent cycles. */
    public val cpuLoad: Float get() = Jack.jack_cpu_load(handle())

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

    // ---------------------------------------------------------------- ports

    /**
     * Registers a port of [type] called `name:shortName` with [flags] (exactly one of
     * [PortFlag.Input] and [PortFlag.Output], plus optionally physical, terminal, can-monitor).
     * Audio and MIDI ports of this client are serviced on the process thread from now on.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a bad or duplicate name or
     *   flags, [AudioErrorKind.BackendError] when JACK refuses.
     */
    public fun registerPort(shortName: String, type: PortType, flags: Set<PortFlag>): JackPort {
        checkUsable()
        val fullName = "$name:$shortName"
        AudioException.require(shortName.isNotBlank()) { "port name must not be blank (client '$name')" }
        AudioException.require(fullName.length < Jack.jack_port_name_size()) {
            "port name '$fullName' is longer than JACK's limit of ${Jack.jack_port_name_size() - 1} characters"
        }
        AudioException.require((PortFlag.Input in flags) != (PortFlag.Output in flags)) {
            "port '$fullName' needs exactly one of Input and Output, was $flags"
        }
        AudioException.require(Jack.jack_port_by_name(nativeHandle, fullName) == 0L) { "client '$name' already has a port named '$fullName'" }
        val handle = Jack.jack_port_register(nativeHandle, shortName, type.id, PortFlag.bits(flags).toLong(), 0)
        if (handle == 0L) throw AudioException(AudioErrorKind.BackendError, "JACK refused to register port '$fullName' ($type, $flags)", backend = JackBackend.NAME)
        val port = when {
            type == PortType.Midi && PortFlag.Input in flags ->
                MidiInputPort(this, handle, MidiInputProcessor(handle, MidiRing(MIDI_RING_BYTES))).also { dispatcher.attach(it.processor) }
            type == PortType.Midi -> MidiOutputPort(this, handle, MidiOutputProcessor(handle, MidiRing(MIDI_RING_BYTES))).also { dispatcher.attach(it.processor) }
            else -> JackPort(this, handle)
        }
        ownPorts += port
        return port
    }

    /** Registers an audio input port (a sink other clients connect their outputs to). */
    public fun registerAudioInput(shortName: String, vararg extraFlags: PortFlag): JackPort =
        registerPort(shortName, PortType.Audio, setOf(PortFlag.Input, *extraFlags))

    /** Registers an audio output port. */
    public fun registerAudioOutput(shortName: String, vararg extraFlags: PortFlag): JackPort =
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
    public suspend fun unregister(port: JackPort) {
        checkUsable()
        requireOwn(port)
        AudioException.require(streamPorts.none { port.handle in it }) { "port '${port.name}' is used by a running stream" }
        when (port) {
            is MidiInputPort -> dispatcher.detach(port.processor)
            is MidiOutputPort -> dispatcher.detach(port.processor)
            else -> Unit
        }
        val fullName = port.name
        ownPorts -= port
        port.unregistered = true
        val rc = Jack.jack_port_unregister(nativeHandle, port.handle)
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK refused to unregister port '$fullName' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /** Renames [port] (one of this client's) to `name:newShortName`. */
    public fun rename(port: JackPort, newShortName: String) {
        checkUsable()
        requireOwn(port)
        AudioException.require(newShortName.isNotBlank()) { "new port name must not be blank" }
        val rc = Jack.jack_port_rename(nativeHandle, port.live(), newShortName)
        if (rc != 0) throw AudioException(AudioErrorKind.InvalidArgument, "JACK refused to rename port '${port.name}' to '$newShortName' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /** This client's registered ports. */
    public val ownedPorts: List<JackPort> get() = ownPorts.toList()

    /**
     * Full names of the server's ports matching [pattern] (a regular expression, null for all),
     * [type] (null for all) and having every flag in [flags], in JACK's order.
     */
    public fun ports(pattern: String? = null, type: PortType? = null, flags: Set<PortFlag> = emptySet()): List<String> =
        Jack.readStringList(Jack.jack_get_ports(handle(), pattern, type?.id, PortFlag.bits(flags).toLong()))

    /** The physical capture ports (sources of audio), e.g. `system:capture_1`. */
    public fun physicalCapturePorts(type: PortType = PortType.Audio): List<String> = ports(null, type, setOf(PortFlag.Output, PortFlag.Physical))

    /** The physical playback ports (audio sinks), e.g. `system:playback_1`. */
    public fun physicalPlaybackPorts(type: PortType = PortType.Audio): List<String> = ports(null, type, setOf(PortFlag.Input, PortFlag.Physical))

    /**
     * The port called [name] (`client:port`), of any client.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming it when there is none.
     */
    public fun port(name: String): JackPort = portOrNull(name)
        ?: throw AudioException(AudioErrorKind.DeviceNotFound, "no JACK port named '$name' on server ${serverLabel()}", backend = JackBackend.NAME)

    /** The port called [name], or null. */
    public fun portOrNull(name: String): JackPort? {
        val handle = Jack.jack_port_by_name(handle(), name)
        if (handle == 0L) return null
        return ownPorts.firstOrNull { it.handle == handle } ?: JackPort(this, handle)
    }

    // ---------------------------------------------------------------- connections

    /**
     * Connects [source] to [destination] (full port names, of any clients). The two may be given
     * in either order; JACK's direction (output to input) is used. Connecting ports that are
     * already connected does nothing. This client must be active.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming a port that does not exist,
     *   [AudioErrorKind.InvalidArgument] naming both ports when they cannot be connected
     *   (same direction, different types).
     */
    public fun connect(source: String, destination: String) {
        val (from, to) = orient(source, destination, "connect")
        if (from.isConnectedTo(to.name)) return
        val rc = Jack.jack_connect(handle(), from.name, to.name)
        if (rc != 0 && rc != EEXIST) {
            throw AudioException(AudioErrorKind.BackendError, "JACK could not connect '${from.name}' to '${to.name}' (error $rc${if (!active) "; client '$name' is not active" else ""})", backend = JackBackend.NAME, nativeCode = rc)
        }
    }

    /** Connects two ports. See [connect]. */
    public fun connect(source: JackPort, destination: JackPort): Unit = connect(source.name, destination.name)

    /** Connects a port to a port name. See [connect]. */
    public fun connect(source: JackPort, destination: String): Unit = connect(source.name, destination)

    /**
     * Disconnects [source] from [destination] (either order). Disconnecting ports that are not
     * connected does nothing.
     *
     * @throws AudioException [AudioErrorKind.DeviceNotFound] naming a port that does not exist.
     */
    public fun disconnect(source: String, destination: String) {
        val (from, to) = orient(source, destination, "disconnect")
        if (!from.isConnectedTo(to.name)) return
        val rc = Jack.jack_disconnect(handle(), from.name, to.name)
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK could not disconnect '${from.name}' from '${to.name}' (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /** Disconnects two ports. See [disconnect]. */
    public fun disconnect(source: JackPort, destination: JackPort): Unit = disconnect(source.name, destination.name)

    /** Disconnects a port from a port name. See [disconnect]. */
    public fun disconnect(source: JackPort, destination: String): Unit = disconnect(source.name, destination)

    private fun orient(a: String, b: String, verb: String): Pair<JackPort, JackPort> {
        checkUsable()
        val missing = listOf(a, b).filter { Jack.jack_port_by_name(nativeHandle, it) == 0L }
        if (missing.isNotEmpty()) {
            throw AudioException(
                AudioErrorKind.DeviceNotFound,
                "cannot $verb '$a' and '$b': no such port ${missing.joinToString(" and ") { "'$it'" }} on server ${serverLabel()}",
                backend = JackBackend.NAME,
            )
        }
        val first = port(a)
        val second = port(b)
        AudioException.require(first.type == second.type) { "cannot $verb '$a' (${first.type}) and '$b' (${second.type}): different port types" }
        return when {
            first.isOutput && second.isInput -> first to second
            first.isInput && second.isOutput -> second to first
            else -> throw AudioException(AudioErrorKind.InvalidArgument, "cannot $verb '$a' and '$b': both are ${if (first.isOutput) "outputs" else "inputs"}", backend = JackBackend.NAME)
        }
    }

    // ---------------------------------------------------------------- transport

    /** Queries the transport now. */
    public fun transportState(): TransportState {
        if (closed || shutdownError != null) return lastTransport
        val position = Memory(Jack.POSITION_SIZE)
        position.clear()
        val status = synchronized(lifecycle) {
            if (closed) return lastTransport
            Jack.jack_transport_query(nativeHandle, Pointer.nativeValue(position))
        }
        val bbt = if (position.getInt(Jack.POS_VALID) and Jack.POSITION_BBT != 0) {
            Bbt(
                position.getInt(Jack.POS_BAR), position.getInt(Jack.POS_BEAT), position.getInt(Jack.POS_TICK),
                position.getDouble(Jack.POS_BAR_START_TICK), position.getFloat(Jack.POS_BEATS_PER_BAR),
                position.getFloat(Jack.POS_BEAT_TYPE), position.getDouble(Jack.POS_TICKS_PER_BEAT), position.getDouble(Jack.POS_BPM),
            )
        } else {
            null
        }
        return TransportState(
            TransportStatus.of(status),
            position.getInt(Jack.POS_FRAME).toLong() and 0xFFFF_FFFFL,
            position.getInt(Jack.POS_FRAME_RATE),
            bbt,
        ).also { lastTransport = it }
    }

    /** Starts the transport rolling. */
    public fun startTransport(): Unit = Jack.jack_transport_start(handle())

    /** Stops the transport. */
    public fun stopTransport(): Unit = Jack.jack_transport_stop(handle())

    /**
     * Moves the transport to [frame].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a frame outside 0..2^32-1 or one JACK refuses.
     */
    public fun locate(frame: Long) {
        AudioException.require(frame in 0..0xFFFF_FFFFL) { "transport frame must be in 0..${0xFFFF_FFFFL}, was $frame" }
        val rc = Jack.jack_transport_locate(handle(), frame.toInt())
        if (rc != 0) throw AudioException(AudioErrorKind.InvalidArgument, "JACK refused to locate the transport to frame $frame (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    // ---------------------------------------------------------------- streams

    /**
     * An [AudioDevice] whose input channels are [inputs] and output channels are [outputs]
     * (this client's audio ports, in channel order), to use with core's `input`, `playOn` and
     * `duplex`: channel `i` of the Flow is port `i`. The stream activates the client if needed.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming a port that is not an
     *   audio port of this client in the right direction.
     */
    public fun device(inputs: List<JackPort> = emptyList(), outputs: List<JackPort> = emptyList()): AudioDevice {
        checkUsable()
        AudioException.require(inputs.isNotEmpty() || outputs.isNotEmpty()) { "a JACK port device needs at least one port" }
        for (port in inputs) requireOwnAudio(port, input = true)
        for (port in outputs) requireOwnAudio(port, input = false)
        return JackPortsDevice(this, inputs.toList(), outputs.toList())
    }

    /** Audio arriving on [ports] as a cold Flow of blocks interleaved in port order. See [dev.audioflow.input]. */
    public fun input(ports: List<JackPort>, config: StreamConfig = streamConfig(ports.size), monitor: StreamMonitor? = null): Flow<FloatBlock> =
        device(inputs = ports).input(config, monitor)

    /** Plays [audio] on [ports] (channel `i` to port `i`) until it completes. See [dev.audioflow.playOn]. */
    public suspend fun play(audio: Flow<FloatBlock>, ports: List<JackPort>, config: StreamConfig = streamConfig(ports.size), monitor: StreamMonitor? = null) {
        audio.playOn(device(outputs = ports), config, monitor)
    }

    /** Full duplex over [inputs] and [outputs] in one stream. See [dev.audioflow.duplex]. */
    public suspend fun duplex(
        inputs: List<JackPort>,
        outputs: List<JackPort>,
        config: StreamConfig = streamConfig(inputs.size).copy(outputChannels = outputs.size),
        monitor: StreamMonitor? = null,
        transform: (Flow<FloatBlock>) -> Flow<FloatBlock>,
    ) {
        val device = device(inputs, outputs)
        device.duplex(config, device, monitor, transform)
    }

    /** A [StreamConfig] for [channels] channels at the server's rate, one JACK cycle per block. */
    public fun streamConfig(channels: Int, blockFrames: Int = bufferSize): StreamConfig =
        StreamConfig(AudioFormat(sampleRate, channels), blockFrames)

    private fun requireOwnAudio(port: JackPort, input: Boolean) {
        requireOwn(port)
        AudioException.require(port.type == PortType.Audio) { "port '${port.name}' is a ${port.type} port, not audio" }
        AudioException.require(port.isInput == input) { "port '${port.name}' is an ${if (input) "output" else "input"}, expected an ${if (input) "input" else "output"}" }
    }

    internal fun streamStarted(endpoint: RealtimeEndpoint, processor: dev.audioflow.jack.internal.RtProcessor, handles: LongArray) {
        synchronized(lifecycle) {
            checkUsable()
            if (!active) activate()
            runningStreams += endpoint
            streamPorts += handles
            dispatcher.attach(processor)
        }
    }

    internal suspend fun streamStopped(endpoint: RealtimeEndpoint, processor: dev.audioflow.jack.internal.RtProcessor, handles: LongArray) {
        if (!closed) dispatcher.detach(processor, if (shutdownError != null) 0 else DETACH_TIMEOUT_MILLIS)
        runningStreams -= endpoint
        streamPorts.remove(handles)
    }

    internal val canProcess: Boolean get() = active && !closed && shutdownError == null

    // ---------------------------------------------------------------- internals

    internal fun handle(): Long {
        checkUsable()
        return nativeHandle
    }

    internal fun checkNotShutDown() {
        shutdownError?.let { throw it }
    }

    private fun checkUsable() {
        if (closed) throw AudioException(AudioErrorKind.InvalidArgument, "JACK client '$name' is closed", backend = JackBackend.NAME)
        checkNotShutDown()
    }

    private fun requireOwn(port: JackPort) {
        AudioException.require(port.client === this && port in ownPorts) { "port '${port.name}' is not a port of client '$name'" }
    }

    private fun serverLabel(): String = "'${effectiveServerName(serverName)}'"

    private fun check(rc: Int, what: String) {
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK failed to $what (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    private fun readGraph(): PortGraph {
        val names = Jack.readStringList(Jack.jack_get_ports(nativeHandle, null, null, 0))
        return PortGraph(
            names.mapNotNull { portName ->
                val handle = Jack.jack_port_by_name(nativeHandle, portName)
                if (handle == 0L) return@mapNotNull null
                val port = JackPort(this, handle)
                PortInfo(portName, port.type, port.flags, port.connections(), port.aliases)
            },
        )
    }

    private fun refreshGraph() {
        val snapshot = synchronized(lifecycle) {
            if (closed || shutdownError != null) return
            readGraph()
        }
        graphState.value = snapshot
    }

    private fun registerCallbacks() {
        val n = notifications
        // JACK calls some notifications on its process thread too, so every callback names the
        // thread it attaches the same way; daemon, and kept attached (no per-cycle attach cost).
        val initializer = CallbackThreadInitializer(true, false, "jack-$name")
        Native.setCallbackThreadInitializer(dispatcher, initializer)
        for (callback in n.all) Native.setCallbackThreadInitializer(callback, initializer)
        check(Jack.jack_set_process_callback(nativeHandle, dispatcher, 0), "set the process callback")
        check(Jack.jack_set_xrun_callback(nativeHandle, n.xrun, 0), "set the xrun callback")
        check(Jack.jack_set_graph_order_callback(nativeHandle, n.graphOrder, 0), "set the graph order callback")
        check(Jack.jack_set_buffer_size_callback(nativeHandle, n.bufferSize, 0), "set the buffer size callback")
        check(Jack.jack_set_sample_rate_callback(nativeHandle, n.sampleRate, 0), "set the sample rate callback")
        check(Jack.jack_set_port_registration_callback(nativeHandle, n.portRegistration, 0), "set the port registration callback")
        check(Jack.jack_set_port_connect_callback(nativeHandle, n.portConnect, 0), "set the port connect callback")
        check(Jack.jack_set_port_rename_callback(nativeHandle, n.portRename, 0), "set the port rename callback")
        check(Jack.jack_set_client_registration_callback(nativeHandle, n.clientRegistration, 0), "set the client registration callback")
        check(Jack.jack_set_freewheel_callback(nativeHandle, n.freewheel, 0), "set the freewheel callback")
        check(Jack.jack_set_latency_callback(nativeHandle, n.latency, 0), "set the latency callback")
        Jack.jack_on_info_shutdown(nativeHandle, n.shutdown, 0)
    }

    private fun emit(event: JackEvent) {
        eventFlow.tryEmit(event)
    }

    private fun portNameById(id: Int): String {
        val handle = Jack.jack_port_by_id(nativeHandle, id)
        val current = if (handle != 0L) Jack.readString(Jack.jack_port_name(handle)) else null
        return current?.takeIf { it.isNotEmpty() } ?: portNames[id] ?: "#$id"
    }

    /**
     * JACK's non-realtime notifications. Each one records or emits without waiting (event
     * buffer with drop-oldest, conflated graph refresh signal), so JACK's notification thread
     * never blocks on a slow collector. The objects live as long as the client: JACK holds
     * their function pointers until [close].
     */
    private inner class Notifications {
        val xrun = object : ArgCallback {
            override fun invoke(arg: Long): Int {
                val delay = Jack.jack_get_xrun_delayed_usecs(nativeHandle)
                runningStreams.forEach { it.reportAsync(BlockStatus.XRUN) }
                xrunState.update { it + 1 }
                emit(JackEvent.Xrun(delay))
                return 0
            }
        }
        val graphOrder = object : ArgCallback {
            override fun invoke(arg: Long): Int {
                emit(JackEvent.GraphReordered)
                graphDirty.trySend(Unit)
                return 0
            }
        }
        val bufferSize = object : FramesCallback {
            override fun invoke(frames: Int, arg: Long): Int {
                emit(JackEvent.BufferSizeChanged(frames))
                return 0
            }
        }
        val sampleRate = object : FramesCallback {
            override fun invoke(frames: Int, arg: Long): Int {
                emit(JackEvent.SampleRateChanged(frames))
                return 0
            }
        }
        val portRegistration = object : PortRegistrationCallback {
            override fun invoke(port: Int, register: Int, arg: Long) {
                val portName = portNameById(port)
                if (register != 0) {
                    portNames[port] = portName
                    emit(JackEvent.PortRegistered(portName))
                } else {
                    portNames.remove(port)
                    emit(JackEvent.PortUnregistered(portName))
                }
                graphDirty.trySend(Unit)
            }
        }
        val portConnect = object : PortConnectCallback {
            override fun invoke(a: Int, b: Int, connect: Int, arg: Long) {
                val source = portNameById(a)
                val destination = portNameById(b)
                emit(if (connect != 0) JackEvent.PortConnected(source, destination) else JackEvent.PortDisconnected(source, destination))
                graphDirty.trySend(Unit)
            }
        }
        val portRename = object : PortRenameCallback {
            override fun invoke(port: Int, oldName: Long, newName: Long, arg: Long) {
                val renamed = Jack.readString(newName) ?: portNameById(port)
                portNames[port] = renamed
                emit(JackEvent.PortRenamed(Jack.readString(oldName) ?: "", renamed))
                graphDirty.trySend(Unit)
            }
        }
        val clientRegistration = object : ClientRegistrationCallback {
            override fun invoke(name: Long, register: Int, arg: Long) {
                val clientName = Jack.readString(name) ?: ""
                emit(if (register != 0) JackEvent.ClientRegistered(clientName) else JackEvent.ClientUnregistered(clientName))
                graphDirty.trySend(Unit)
            }
        }
        val freewheel = object : FreewheelCallback {
            override fun invoke(starting: Int, arg: Long) {
                emit(JackEvent.FreewheelChanged(starting != 0))
            }
        }
        val latency = object : LatencyCallback {
            override fun invoke(mode: Int, arg: Long) {
                propagateLatency(mode)
                emit(JackEvent.LatencyChanged(if (mode == Jack.CAPTURE_LATENCY) LatencyMode.Capture else LatencyMode.Playback))
            }
        }
        val shutdown = object : InfoShutdownCallback {
            override fun invoke(code: Int, reason: Long, arg: Long) {
                val why = Jack.readString(reason)?.takeIf { it.isNotBlank() } ?: "server shut down"
                val error = AudioException(
                    AudioErrorKind.ServerShutdown,
                    "JACK server ${serverLabel()} shut down client '$name': $why",
                    backend = JackBackend.NAME,
                    nativeCode = code,
                )
                if (shutdownError == null) shutdownError = error
                runningStreams.forEach { it.fail(error) }
                lastTransport = TransportState.UNKNOWN
                emit(JackEvent.ServerShutdown(why, code))
            }
        }
        val all = listOf(xrun, graphOrder, bufferSize, sampleRate, portRegistration, portConnect, portRename, clientRegistration, freewheel, latency, shutdown)
    }

    /**
     * JACK's default latency rule, which registering a latency callback turns off: every output
     * port's capture latency is the union of the input ports' ranges, every input port's
     * playback latency the union of the output ports'.
     */
    private fun propagateLatency(mode: Int) {
        val ports = ownPorts.filter { !it.unregistered }
        val fromInputs = mode == Jack.CAPTURE_LATENCY
        val sources = ports.filter { (Jack.jack_port_flags(it.handle) and PortFlag.Input.bit != 0) == fromInputs }
        val targets = ports.filter { (Jack.jack_port_flags(it.handle) and PortFlag.Input.bit != 0) != fromInputs }
        if (targets.isEmpty()) return
        val range = Memory(8)
        var min = Int.MAX_VALUE
        var max = 0
        for (port in sources) {
            Jack.jack_port_get_latency_range(port.handle, mode, Pointer.nativeValue(range))
            min = minOf(min, range.getInt(0))
            max = maxOf(max, range.getInt(4))
        }
        if (sources.isEmpty()) min = 0
        range.setInt(0, min)
        range.setInt(4, max)
        for (port in targets) Jack.jack_port_set_latency_range(port.handle, mode, Pointer.nativeValue(range))
    }

    override fun toString(): String = "JackClient('$name' on ${serverLabel()}${if (isShutDown) ", shut down" else ""}${if (closed) ", closed" else ""})"

    public companion object {
        /** Transport polling period of [transport]. */
        public const val TRANSPORT_POLL_MILLIS: Long = 10

        /** Largest JACK buffer size the realtime buffers are sized for. */
        public const val MAX_BUFFER_FRAMES: Int = 8192

        private const val EVENT_BUFFER = 4096
        private const val MIDI_RING_BYTES = 64 * 1024
        private const val DETACH_TIMEOUT_MILLIS = 2_000L
        private const val SETTLE_TIMEOUT_MILLIS = 500L
        private const val EEXIST = 17

        /**
         * Opens a client called [name] on the server [serverName] (null: `$JACK_DEFAULT_SERVER`
         * or `default`). With [noStartServer] (the default) no server is started when none
         * runs; with [useExactName] the call fails instead of picking a unique variant of a
         * taken name. The client starts inactive; call [activate].
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] for an empty, too long or
         *   colon-containing name; [AudioErrorKind.BackendUnavailable] when libjack is missing
         *   or no server answers; [AudioErrorKind.DeviceBusy] when [useExactName] and the name is taken.
         */
        @JvmStatic
        @JvmOverloads
        public fun open(name: String, serverName: String? = null, noStartServer: Boolean = true, useExactName: Boolean = false): JackClient {
            JackBackend.requireLibrary()
            AudioException.require(name.isNotBlank()) { "JACK client name must not be blank, was '$name'" }
            AudioException.require(':' !in name) { "JACK client name must not contain ':', was '$name'" }
            val limit = Jack.jack_client_name_size() - 1
            AudioException.require(name.length <= limit) { "JACK client name '$name' is ${name.length} characters, longer than JACK's limit of $limit" }
            AudioException.require(serverName == null || serverName.isNotBlank()) { "JACK server name must not be blank" }
            var options = 0
            if (noStartServer) options = options or Jack.NO_START_SERVER
            if (useExactName) options = options or Jack.USE_EXACT_NAME
            if (serverName != null) options = options or Jack.SERVER_NAME
            val status = IntByReference()
            val client = if (serverName != null) {
                JackOpenLibrary.instance.jack_client_open(name, options, status, serverName)
            } else {
                JackOpenLibrary.instance.jack_client_open(name, options, status)
            }
            if (client == null) throw openFailure(name, serverName, status.value, useExactName && nameTaken(serverName))
            return JackClient(Pointer.nativeValue(client), serverName)
        }

        /** jackd2 reports a taken exact name as a generic server error; a second, non-exact open tells them apart. */
        private fun nameTaken(serverName: String?): Boolean = try {
            open("audioflow-probe", serverName, noStartServer = true).close()
            true
        } catch (_: AudioException) {
            false
        }

        private fun openFailure(name: String, serverName: String?, status: Int, nameTaken: Boolean): AudioException {
            val server = "'${effectiveServerName(serverName)}'"
            val (kind, what) = when {
                status and Jack.NAME_NOT_UNIQUE != 0 || nameTaken -> AudioErrorKind.DeviceBusy to "client name '$name' is already taken on JACK server $server"
                status and (Jack.SERVER_FAILED or Jack.SERVER_ERROR) != 0 ->
                    AudioErrorKind.BackendUnavailable to "no JACK server $server is running (start one with 'jackd -d <driver>' or allow starting it)"
                status and Jack.VERSION_ERROR != 0 -> AudioErrorKind.BackendUnavailable to "the JACK server $server speaks another protocol version than libjack"
                status and (Jack.SHM_FAILURE or Jack.INIT_FAILURE) != 0 -> AudioErrorKind.BackendUnavailable to "cannot attach to JACK server $server (shared memory or init failure)"
                status and Jack.INVALID_OPTION != 0 -> AudioErrorKind.InvalidArgument to "JACK rejected the options for client '$name'"
                else -> AudioErrorKind.BackendError to "JACK could not open client '$name' on server $server"
            }
            return AudioException(kind, "$what (jack_status_t 0x${status.toString(16)})", backend = JackBackend.NAME, nativeCode = status)
        }
    }
}

/**
 * Opens a JACK client, runs [block] with it, and closes it however [block] ends. See
 * [JackClient.open] for the parameters.
 */
public inline fun <T> jackClient(
    name: String,
    serverName: String? = null,
    noStartServer: Boolean = true,
    useExactName: Boolean = false,
    block: JackClient.() -> T,
): T = JackClient.open(name, serverName, noStartServer, useExactName).use { it.block() }

/** The server a client with [serverName] talks to: that name, else `$JACK_DEFAULT_SERVER`, else `default`. */
internal fun effectiveServerName(serverName: String?): String = serverName ?: System.getenv("JACK_DEFAULT_SERVER") ?: "default"
