package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.jack.internal.ArgCallback
import dev.audioflow.jack.internal.ClientRegistrationCallback
import dev.audioflow.jack.internal.FramesCallback
import dev.audioflow.jack.internal.FreewheelCallback
import dev.audioflow.jack.internal.InfoShutdownCallback
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.LatencyCallback
import dev.audioflow.jack.internal.LibjackThreads
import dev.audioflow.jack.internal.PortConnectCallback
import dev.audioflow.jack.internal.PortRegistrationCallback
import dev.audioflow.jack.internal.PortRenameCallback
import dev.audioflow.jack.internal.ProcessDispatcher
import dev.audioflow.spi.UpcallScope
import dev.audioflow.spi.jna.CallbackThreads
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.Duration
import kotlin.time.Duration.Companion.microseconds

/**
 * Turns JACK's non-realtime notifications for one client into [JackEvent]s and hands the ones
 * that change other parts of the client to them: xruns to the running streams ([onXrun]), graph
 * changes to the patchbay ([onGraphChanged]), latency recomputations to the own ports
 * ([onLatency], a JACK `jack_latency_callback_mode_t`), a shutdown to the client ([onShutdown]).
 *
 * Each notification records or emits without waiting (event buffer with drop-oldest, conflated
 * graph refresh), so JACK's notification thread never blocks on a slow collector. The callback
 * objects live as long as the client: JACK holds their function pointers until it is closed.
 */
internal class Notifications(
    private val client: Long,
    private val clientName: String,
    private val serverName: String?,
    private val onXrun: () -> Unit,
    private val onGraphChanged: () -> Unit,
    private val onLatency: (mode: Int) -> Unit,
    private val onShutdown: (AudioException) -> Unit,
    private val threads: LibjackThreads,
) {
    /** The name native threads take when they attach to the JVM for this client's callbacks. */
    private val callbackThreadName = "jack-$clientName"

    /** Set when the client closes: callbacks still entered return at once. */
    @Volatile private var closing = false

    private val eventFlow = MutableSharedFlow<JackEvent>(extraBufferCapacity = EVENT_BUFFER, onBufferOverflow = BufferOverflow.DROP_OLDEST)
    private val xrunCount = MutableStateFlow(0L)
    private val portNames = ConcurrentHashMap<Int, String>()

    /** Every notification, in JACK's order; see [JackClient.events]. */
    val events: SharedFlow<JackEvent> = eventFlow.asSharedFlow()

    /** Xruns reported since the client opened; see [JackClient.xruns]. */
    val xruns: StateFlow<Long> = xrunCount.asStateFlow()

    /**
     * Registers [dispatcher] as the process callback (as a JNA callback, or, given [upcalls] on
     * the FFM path, as an upcall stub of that scope) and every notification callback (JNA on
     * both paths). JACK calls some notifications on its process thread too, so every callback
     * names the thread it attaches the same way; daemon, and kept attached (no per-cycle attach cost).
     */
    @OptIn(DelicateAudioApi::class)
    fun register(dispatcher: ProcessDispatcher, upcalls: UpcallScope?) {
        val threadName = callbackThreadName
        for (callback in all) CallbackThreads.keepAttached(callback, threadName)
        if (upcalls == null) {
            CallbackThreads.keepAttached(dispatcher, threadName)
            check(Jack.jack_set_process_callback(client, dispatcher, 0), "set the process callback")
        } else {
            check(Jack.jack_set_process_callback(client, upcalls.stub(dispatcher.upcallTarget(), threadName), 0), "set the process callback")
        }
        check(Jack.jack_set_xrun_callback(client, xrun, 0), "set the xrun callback")
        check(Jack.jack_set_graph_order_callback(client, graphOrder, 0), "set the graph order callback")
        check(Jack.jack_set_buffer_size_callback(client, bufferSize, 0), "set the buffer size callback")
        check(Jack.jack_set_sample_rate_callback(client, sampleRate, 0), "set the sample rate callback")
        check(Jack.jack_set_port_registration_callback(client, portRegistration, 0), "set the port registration callback")
        check(Jack.jack_set_port_connect_callback(client, portConnect, 0), "set the port connect callback")
        check(Jack.jack_set_port_rename_callback(client, portRename, 0), "set the port rename callback")
        check(Jack.jack_set_client_registration_callback(client, clientRegistration, 0), "set the client registration callback")
        check(Jack.jack_set_freewheel_callback(client, freewheel, 0), "set the freewheel callback")
        check(Jack.jack_set_latency_callback(client, latency, 0), "set the latency callback")
        Jack.jack_on_info_shutdown(client, shutdown, 0)
    }

    private fun check(rc: Int, what: String) {
        if (rc != 0) throw AudioException(AudioErrorKind.BackendError, "JACK failed to $what (error $rc)", backend = JackBackend.NAME, nativeCode = rc)
    }

    /**
     * Runs one callback's [body] unless the client is closing, between [LibjackThreads.enter] and
     * [LibjackThreads.exit], so that a close waits for it to leave the JVM.
     */
    private inline fun <T> guarded(skipped: T, body: () -> T): T {
        threads.enter(callbackThreadName)
        try {
            return if (closing) skipped else body()
        } finally {
            threads.exit()
        }
    }

    /**
     * Makes the client's callbacks return at once, takes the shutdown callback back (the one
     * libjack still calls on an inactive client) and waits up to [timeoutMillis] until none of
     * libjack's threads is inside the JVM (see [LibjackThreads]). Call after `jack_deactivate`,
     * before `jack_client_close`; true when closing is safe.
     */
    fun quiesce(timeoutMillis: Long): Boolean {
        closing = true
        Jack.jack_on_info_shutdown(client, 0L, 0)
        return threads.awaitOutsideJvm(timeoutMillis)
    }

    private fun emit(event: JackEvent) {
        eventFlow.tryEmit(event)
    }

    /**
     * The port's name as of the notification being translated: the name this thread last saw for
     * [id] (kept in JACK's notification order, so a disconnect notified before a rename names the
     * port as it was then), else its current name (a port that existed before this client), else
     * `#id` (a port already gone).
     */
    private fun portNameById(id: Int): String {
        portNames[id]?.let { return it }
        val handle = Jack.jack_port_by_id(client, id)
        val current = if (handle != 0L) Jack.readString(Jack.jack_port_name(handle)) else null
        return current?.takeIf { it.isNotEmpty() }?.also { portNames[id] = it } ?: "#$id"
    }

    private val xrun = object : ArgCallback {
        override fun invoke(arg: Long): Int = guarded(0) {
            val delay = Jack.jack_get_xrun_delayed_usecs(client)
            onXrun()
            xrunCount.update { it + 1 }
            emit(JackEvent.Xrun(if (delay.isFinite()) delay.toDouble().microseconds else Duration.ZERO))
            0
        }
    }

    private val graphOrder = object : ArgCallback {
        override fun invoke(arg: Long): Int = guarded(0) {
            emit(JackEvent.GraphReordered)
            onGraphChanged()
            0
        }
    }

    private val bufferSize = object : FramesCallback {
        override fun invoke(frames: Int, arg: Long): Int = guarded(0) {
            emit(JackEvent.BufferSizeChanged(frames))
            0
        }
    }

    private val sampleRate = object : FramesCallback {
        override fun invoke(frames: Int, arg: Long): Int = guarded(0) {
            emit(JackEvent.SampleRateChanged(frames))
            0
        }
    }

    private val portRegistration = object : PortRegistrationCallback {
        override fun invoke(port: Int, register: Int, arg: Long) = guarded(Unit) {
            if (register != 0) portNames.remove(port)
            val portName = portNameById(port)
            if (register != 0) {
                emit(JackEvent.PortRegistered(portName))
            } else {
                portNames.remove(port)
                emit(JackEvent.PortUnregistered(portName))
            }
            onGraphChanged()
        }
    }

    private val portConnect = object : PortConnectCallback {
        override fun invoke(a: Int, b: Int, connect: Int, arg: Long) = guarded(Unit) {
            val source = portNameById(a)
            val destination = portNameById(b)
            emit(if (connect != 0) JackEvent.PortConnected(source, destination) else JackEvent.PortDisconnected(source, destination))
            onGraphChanged()
        }
    }

    private val portRename = object : PortRenameCallback {
        override fun invoke(port: Int, oldName: Long, newName: Long, arg: Long) = guarded(Unit) {
            val renamed = Jack.readString(newName) ?: portNameById(port)
            portNames[port] = renamed
            emit(JackEvent.PortRenamed(Jack.readString(oldName) ?: "", renamed))
            onGraphChanged()
        }
    }

    private val clientRegistration = object : ClientRegistrationCallback {
        override fun invoke(name: Long, register: Int, arg: Long) = guarded(Unit) {
            val registered = Jack.readString(name) ?: ""
            emit(if (register != 0) JackEvent.ClientRegistered(registered) else JackEvent.ClientUnregistered(registered))
            onGraphChanged()
        }
    }

    private val freewheel = object : FreewheelCallback {
        override fun invoke(starting: Int, arg: Long) = guarded(Unit) {
            emit(JackEvent.FreewheelChanged(starting != 0))
        }
    }

    private val latency = object : LatencyCallback {
        override fun invoke(mode: Int, arg: Long) = guarded(Unit) {
            onLatency(mode)
            emit(JackEvent.LatencyChanged(if (mode == Jack.CAPTURE_LATENCY) LatencyMode.Capture else LatencyMode.Playback))
        }
    }

    private val shutdown = object : InfoShutdownCallback {
        override fun invoke(code: Int, reason: Long, arg: Long) = guarded(Unit) {
            val why = Jack.readString(reason)?.takeIf { it.isNotBlank() } ?: "server shut down"
            onShutdown(
                AudioException(
                    AudioErrorKind.ServerShutdown,
                    "JACK server '${ClientOpener.effectiveServerName(serverName)}' shut down client '$clientName': $why",
                    backend = JackBackend.NAME,
                    nativeCode = code,
                ),
            )
            emit(JackEvent.ServerShutdown(why, code))
        }
    }

    private val all = listOf(xrun, graphOrder, bufferSize, sampleRate, portRegistration, portConnect, portRename, clientRegistration, freewheel, latency, shutdown)

    private companion object {
        const val EVENT_BUFFER = 4096
    }
}
