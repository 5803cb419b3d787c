package dev.audioflow.jack

import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.Pointer
import dev.audioflow.AudioErrorKind
import dev.audioflow.jack.internal.Jack

/**
 * A JACK port of any client on the server, as [JackClient.port] finds it; the ports a client
 * registers itself are [OwnPort]s.
 *
 * Queries read JACK's shared graph and are cheap; they may be called from any thread but not
 * from JACK callbacks. A port of another client that has gone away answers with stale values; an
 * [OwnPort] that was unregistered throws [AudioErrorKind.DeviceNotFound].
 *
 * ```
 * val capture = client.port("system:capture_1")
 * println("${capture.name}: ${capture.type}, connected to ${capture.connections()}")
 * ```
 */
public open class JackPort internal constructor(
    /** The client this handle was obtained through. */
    public val client: JackClient,
    internal val handle: Long,
) {
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
            val count = Jack.jack_port_get_aliases(live(), Pointer.nativeValue(array))
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
        Jack.jack_port_get_latency_range(live(), mode.native, Pointer.nativeValue(range))
        return LatencyRange(range.getInt(0), range.getInt(4))
    }

    /** Connects this port to [other] (either direction; JACK wants output to input). See [JackClient.connect]. */
    @Throws(InterruptedException::class)
    public fun connect(other: JackPort): Unit = client.connect(this, other)

    /** Disconnects this port from [other]. See [JackClient.disconnect]. */
    @Throws(InterruptedException::class)
    public fun disconnect(other: JackPort): Unit = client.disconnect(this, other)

    /** The handle, for a JACK call on a port that must still exist; [OwnPort] checks it was not unregistered. */
    internal open fun live(): Long = handle

    override fun equals(other: Any?): Boolean = other is JackPort && other.handle == handle && other.client === client

    override fun hashCode(): Int = handle.hashCode()

    override fun toString(): String = "JackPort($name, $type, ${flags.joinToString("|")})"
}
