package dev.audioflow.samples.ui

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FormatCheck
import dev.audioflow.StreamConfig
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StatusFlags
import dev.audioflow.spi.StreamRequest
import dev.audioflow.virtual.VirtualBackend
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A [VirtualBackend] seen through a backend whose open streams can be told the audio server had
 * an xrun, reported the way the JACK backend reports one ([RealtimeEndpoint.reportAsync] from a
 * non-realtime thread); the virtual backend never has xruns of its own. Its devices are the
 * virtual ones, wrapped so that streams on them open through this backend.
 *
 * Thread: any.
 */
@OptIn(DelicateAudioApi::class)
class XrunBackend(private val virtual: VirtualBackend) : AudioBackend by virtual {
    private val endpoints = CopyOnWriteArrayList<RealtimeEndpoint>()

    private inner class Device(val real: AudioDevice) : AudioDevice by real {
        override val backend: AudioBackend get() = this@XrunBackend
    }

    private fun AudioDevice.real(): AudioDevice = (this as? Device)?.real ?: this

    override fun devices(): List<AudioDevice> = virtual.devices().map(::Device)

    override fun defaultInputDevice(): AudioDevice = Device(virtual.defaultInputDevice())

    override fun defaultOutputDevice(): AudioDevice = Device(virtual.defaultOutputDevice())

    override fun checkFormat(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): FormatCheck =
        virtual.checkFormat(input?.real(), output?.real(), config)

    override suspend fun openStream(request: StreamRequest): BackendStream {
        val stream = virtual.openStream(StreamRequest(request.input?.real(), request.output?.real(), request.config, request.endpoint, request.scope))
        endpoints += request.endpoint
        return stream
    }

    /** Reports one xrun to every stream opened so far. */
    fun reportXrun() {
        endpoints.forEach { it.reportAsync(StatusFlags.XRUN) }
    }
}
