package dev.audioflow.jack

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.Jack
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.stateIn

/**
 * One client's view of the JACK transport: queries, start, stop, locate, and the [polled]
 * state. Non-realtime; the calls block briefly on JACK requests.
 */
internal class Transport(private val client: JackClient, private val scope: CoroutineScope) {
    @Volatile private var last = TransportState.UNKNOWN

    /** See [JackClient.transport]. */
    val polled: StateFlow<TransportState> by lazy {
        flow {
            while (true) {
                emit(state())
                delay(JackClient.TRANSPORT_POLL_INTERVAL)
            }
        }.stateIn(scope, SharingStarted.WhileSubscribed(), state())
    }

    /** See [JackClient.transportState]: after a shutdown [TransportState.UNKNOWN], after a close the last state read. */
    fun state(): TransportState {
        if (client.isShutDown) return TransportState.UNKNOWN
        if (!client.canQuery) return last
        val position = Memory(Jack.POSITION_SIZE)
        position.clear()
        val status = synchronized(client.lifecycle) {
            if (!client.canQuery) return last
            Jack.jack_transport_query(client.nativeHandle, Pointer.nativeValue(position))
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
        ).also { last = it }
    }

    fun start(): Unit = Jack.jack_transport_start(client.handle())

    fun stop(): Unit = Jack.jack_transport_stop(client.handle())

    /** See [JackClient.locate]. */
    fun locate(frame: Long) {
        AudioException.require(frame in 0..0xFFFF_FFFFL) { "transport frame must be in 0..${0xFFFF_FFFFL}, was $frame" }
        val rc = Jack.jack_transport_locate(client.handle(), frame.toInt())
        if (rc != 0) throw AudioException(AudioErrorKind.InvalidArgument, "JACK refused to locate the transport to frame $frame (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }
}
