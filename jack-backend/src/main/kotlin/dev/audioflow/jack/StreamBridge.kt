package dev.audioflow.jack

import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.jack.internal.ProcessDispatcher
import dev.audioflow.jack.internal.RtProcessor
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StatusFlags
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Where one client meets core's streams: the devices over its own ports ([device], opened
 * through the client's [JackPortsBackend]), and the running [JackStream]s, whose processors it
 * attaches to the process callback, whose ports it holds, and to which it reports xruns.
 * Non-realtime.
 */
@OptIn(DelicateAudioApi::class)
internal class StreamBridge(
    private val client: JackClient,
    private val dispatcher: ProcessDispatcher,
    private val ownPorts: OwnPortRegistry,
) {
    private val running = CopyOnWriteArrayList<RealtimeEndpoint>()
    private val backend = JackPortsBackend(client)

    /** See [JackClient.device]. */
    fun device(inputs: List<OwnPort>, outputs: List<OwnPort>): AudioDevice {
        client.checkUsable()
        AudioException.require(inputs.isNotEmpty() || outputs.isNotEmpty()) { "a JACK port device needs at least one port" }
        for (port in inputs) ownPorts.requireOwnAudio(port, input = true)
        for (port in outputs) ownPorts.requireOwnAudio(port, input = false)
        return JackPortsDevice(backend, inputs.toList(), outputs.toList())
    }

    /** Marks the next cycle of every running stream with an xrun; from JACK's notification thread. */
    fun reportXrun() {
        running.forEach { it.reportAsync(StatusFlags.XRUN) }
    }

    /** A stream starts: activates the client if needed and attaches [processor] over the ports with [handles]. */
    fun started(endpoint: RealtimeEndpoint, processor: RtProcessor, handles: LongArray) {
        synchronized(client.lifecycle) {
            client.checkUsable()
            if (!client.isActive) client.activate()
            running += endpoint
            ownPorts.claim(handles)
            dispatcher.attach(processor)
        }
    }

    /** A stream stops: detaches its processor (waiting until the process thread is out of it) and releases its ports. */
    suspend fun stopped(endpoint: RealtimeEndpoint, processor: RtProcessor, handles: LongArray) {
        if (!client.isClosed) dispatcher.detach(processor, if (client.isShutDown) 0 else DETACH_TIMEOUT_MILLIS)
        running -= endpoint
        ownPorts.release(handles)
    }

    private companion object {
        const val DETACH_TIMEOUT_MILLIS = 2_000L
    }
}
