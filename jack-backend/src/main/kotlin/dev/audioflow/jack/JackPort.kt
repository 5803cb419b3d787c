package dev.audioflow.jack

import com.sun.jna.Memory
import com.sun.jna.Native
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.MAX_MIDI_EVENT_BYTES
import dev.audioflow.jack.internal.MidiInputProcessor
import dev.audioflow.jack.internal.MidiOutputProcessor
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * A JACK port, of this client ([isMine]) or of any other client on the server.
 *
 * Obtained from [JackClient.registerPort] (and its audio/MIDI shorthands) or
 * [JackClient.port]. Queries read JACK's shared graph and are cheap; they may be called from any
 * thread but not from JACK callbacks. A port of another client that has gone away answers with
 * stale values; a port of this client that was unregistered throws.
 */
public open class JackPort internal constructor(
    /** The client this handle was obtained through. */
    public val client: JackClient,
    internal val handle: Long,
) {
    @Volatile internal var unregistered: Boolean = false

    /** Full name `client:port`. */
    public val name: String get() = Jack.readString(Jack.jack_port_name(live())) ?: ""

    /** The part after the colon. */
    public val shortName: String get() = Jack.readString(Jack.jack_port_short_name(live())) ?: ""

    /** The port's type. */
    public val type: PortType get() = PortType(Jack.readString(Jack.jack_port_type(live())) ?: "")

    /** The port's flags. */
    public val flags: Set<PortFlag> get() = PortFlag.of(Jack.jack_port_flags(live()))

    /** True for a port that receives data. */
    public val isInput: Boolean get() = Jack.jack_port_flags(live()) and PortFlag.Input.bit != 0

    /** True for a port that produces data. */
    public val isOutput: Boolean get() = Jack.jack_port_flags(live()) and PortFlag.Output.bit != 0

    /** True when this port belongs to [client]. */
    public val isMine: Boolean get() = Jack.jack_port_is_mine(client.handle(), live()) != 0

    /** Its aliases (JACK keeps at most two). */
    public val aliases: List<String>
        get() {
            val size = Jack.jack_port_name_size().toLong()
            val first = Memory(size)
            val second = Memory(size)
            val array = Memory(Native.POINTER_SIZE * 2L)
            array.setPointer(0, first)
            array.setPointer(Native.POINTER_SIZE.toLong(), second)
            val count = Jack.jack_port_get_aliases(live(), com.sun.jna.Pointer.nativeValue(array))
            return listOf(first, second).take(count.coerceIn(0, 2)).map { it.getString(0) }
        }

    /** Full names of the ports connected to this one. */
    public fun connections(): List<String> = Jack.readStringList(Jack.jack_port_get_all_connections(client.handle(), live()))

    /** True when this port is connected to [other]. */
    public fun isConnectedTo(other: String): Boolean = other in connections()

    /** True when this port is connected to [other]. */
    public fun isConnectedTo(other: JackPort): Boolean = isConnectedTo(other.name)

    /** Its [mode] latency range in frames as JACK last computed it. */
    public fun latencyRange(mode: LatencyMode): LatencyRange {
        val range = Memory(8)
        Jack.jack_port_get_latency_range(live(), mode.native, com.sun.jna.Pointer.nativeValue(range))
        return LatencyRange(range.getInt(0), range.getInt(4))
    }

    /** Connects this port to [other] (either direction; JACK wants output to input). See [JackClient.connect]. */
    public fun connect(other: JackPort): Unit = client.connect(this, other)

    /** Disconnects this port from [other]. See [JackClient.disconnect]. */
    public fun disconnect(other: JackPort): Unit = client.disconnect(this, other)

    internal fun live(): Long {
        if (unregistered) throw AudioException(AudioErrorKind.DeviceNotFound, "port was unregistered from client '${client.name}'", backend = JackBackend.NAME)
        return handle
    }

    override fun equals(other: Any?): Boolean = other is JackPort && other.handle == handle && other.client === client

    override fun hashCode(): Int = handle.hashCode()

    override fun toString(): String = if (unregistered) "JackPort(unregistered)" else "JackPort($name, $type, ${flags.joinToString("|")})"
}

/**
 * A MIDI input port of this client. [events] delivers what arrives on it, through a
 * preallocated ring filled on the process thread.
 */
public class MidiInputPort internal constructor(client: JackClient, handle: Long, internal val processor: MidiInputProcessor) :
    JackPort(client, handle) {

    /** Records lost because the collector of [events] fell behind by more than the ring holds. */
    public val droppedEvents: Long get() = processor.ring.dropped + processor.oversized

    /**
     * The MIDI events arriving on this port while collected, each with its offset in its
     * process cycle and the cycle's first frame. One collector at a time; events that arrive
     * while nobody collects are not kept. The Flow polls the ring every [pollMillis] ms on the
     * collector's dispatcher and fails with [AudioErrorKind.ServerShutdown] if the server goes away.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] (on collection) when another collector is active.
     */
    public fun events(pollMillis: Long = 1): Flow<MidiEvent> = flow {
        AudioException.require(pollMillis > 0) { "pollMillis must be > 0, was $pollMillis" }
        synchronized(processor) {
            if (processor.listening) throw AudioException(AudioErrorKind.DeviceBusy, "MIDI port '$name' already has a collector", backend = JackBackend.NAME)
            processor.ring.clear()
            processor.listening = true
        }
        try {
            val buffer = ByteArray(MAX_MIDI_EVENT_BYTES)
            val ring = processor.ring
            while (true) {
                while (!ring.isEmpty()) {
                    val cycleFrame = ring.peekCycleFrame()
                    val time = ring.peekOffset()
                    val size = ring.take(buffer)
                    emit(MidiEvent(time, buffer.copyOf(size), cycleFrame))
                }
                client.checkNotShutDown()
                live()
                delay(pollMillis)
            }
        } finally {
            processor.listening = false
        }
    }
}

/**
 * A MIDI output port of this client: events sent here are written to the port on the next
 * process cycle at their [MidiEvent.time] offsets, through a preallocated ring.
 */
public class MidiOutputPort internal constructor(client: JackClient, handle: Long, internal val processor: MidiOutputProcessor) :
    JackPort(client, handle) {

    /** Events written to the port so far. */
    public val sentEvents: Long get() = processor.written

    /**
     * Queues [event] for the next cycle without waiting; false when the ring is full.
     * Thread-safe.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] when the event is larger than 4096 bytes.
     */
    public fun trySend(event: MidiEvent): Boolean {
        AudioException.require(event.data.size <= MAX_MIDI_EVENT_BYTES) {
            "MIDI event of ${event.data.size} bytes exceeds the $MAX_MIDI_EVENT_BYTES-byte limit of port '$name'"
        }
        live()
        return synchronized(processor) { processor.ring.offer(0, event.time, event.data, event.data.size) }
    }

    /** Queues [event], suspending while the ring is full. */
    public suspend fun send(event: MidiEvent) {
        while (!trySend(event)) {
            client.checkNotShutDown()
            delay(1)
        }
    }

    /** The MIDI sink: sends every event of [events] in order, suspending until the Flow completes. */
    public suspend fun send(events: Flow<MidiEvent>) {
        events.collect { send(it) }
    }
}
