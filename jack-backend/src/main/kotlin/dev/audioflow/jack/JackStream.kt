package dev.audioflow.jack

import dev.audioflow.AudioException
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamInfo
import dev.audioflow.jack.internal.AudioPortsProcessor
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.Wakeup
import kotlinx.coroutines.delay
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * A core stream over JACK ports of [client]: an [AudioPortsProcessor] attached to the
 * client's process callback between [start] and [stop]/[abort]. With [ownsClient] (backend
 * view) the client was opened for this stream and [close] closes it.
 */
@OptIn(DelicateAudioApi::class)
internal class JackStream(
    request: StreamRequest,
    private val client: JackClient,
    private val inputs: List<OwnPort>,
    private val outputs: List<OwnPort>,
    private val ownsClient: Boolean,
    private val autoConnect: Boolean,
) : BackendStream {
    private val endpoint = request.endpoint
    private val sampleRate = client.sampleRate
    private val handles = (inputs + outputs).map { it.handle }.toLongArray()
    private val processor = AudioPortsProcessor(
        endpoint,
        inputs.map { it.handle }.toLongArray(),
        outputs.map { it.handle }.toLongArray(),
        sampleRate,
        maxOf(JackClient.MAX_BUFFER_FRAMES, client.bufferSize),
        client.processCalls,
    )
    private var started = false
    private var closed = false

    init {
        // The stream thread follows the process thread's CPU as the config's StreamThreadPlacement asks.
        client.processCalls.native.colocateIfAsked(request.config, endpoint)
    }

    override val wakeup: Wakeup = Wakeup.polling(Wakeup.pollPeriodFor(request.config.format.durationOf(request.config.nominalBlockFrames.toLong())), request.endpoint)

    override val info: StreamInfo = StreamInfo(
        sampleRate = sampleRate.toDouble(),
        inputLatency = if (inputs.isEmpty()) Duration.ZERO else latencyOf(inputs, LatencyMode.Capture),
        outputLatency = if (outputs.isEmpty()) Duration.ZERO else latencyOf(outputs, LatencyMode.Playback),
        roundTripLatency = roundTripOf(),
        blockSize = BlockSize.Fixed(client.bufferSize),
        backend = JackBackend.NAME,
        description = "JACK client '${client.name}' ports ${(inputs + outputs).joinToString { it.name }}",
        nativeCallPath = client.nativeCallPath,
    )

    /** A cycle of JACK buffering plus the ports' latencies as JACK reports them now. */
    private fun latencyOf(ports: List<OwnPort>, mode: LatencyMode): Duration =
        ((client.bufferSize + ports.maxOf { it.latencyRange(mode).max }) * 1_000_000_000L / sampleRate).nanoseconds

    /**
     * One period (what a client passing input to output in the same cycle adds, as `jack_iodelay`
     * measures `jack_thru`) plus the capture and playback latencies of the ports JACK reports now;
     * input and output latency each count the period, which a round trip has only once.
     */
    private fun roundTripOf(): Duration {
        val capture = inputs.maxOfOrNull { it.latencyRange(LatencyMode.Capture).max } ?: 0
        val playback = outputs.maxOfOrNull { it.latencyRange(LatencyMode.Playback).max } ?: 0
        return ((client.bufferSize + capture + playback) * 1_000_000_000L / sampleRate).nanoseconds
    }

    override suspend fun start() {
        if (started) return
        client.checkNotShutDown()
        client.streams.started(endpoint, processor, handles)
        started = true
        if (autoConnect) connectPhysical()
    }

    private fun connectPhysical() {
        client.physicalCapturePorts().zip(inputs).forEach { (capture, port) -> client.connect(capture, port.name) }
        outputs.zip(client.physicalPlaybackPorts()).forEach { (port, playback) -> client.connect(port.name, playback) }
    }

    /** The client's server shut down ([dev.audioflow.AudioErrorKind.ServerShutdown]) or the client was closed ([dev.audioflow.AudioErrorKind.StreamInvalidated]). */
    override fun health(): AudioException? = client.failure

    /** JACK's DSP load (the whole server graph's share of the period, 0..1) while started. */
    override fun cpuLoad(): Double =
        if (started && client.canProcess) runCatching { client.cpuLoad }.getOrDefault(Double.NaN) else Double.NaN

    override suspend fun stop() = halt()

    override suspend fun abort() = halt()

    override suspend fun close() {
        halt()
        if (closed) return
        closed = true
        if (ownsClient) client.close()
    }

    /** Silences the output ports for a cycle (so they do not loop the last block), then detaches. */
    private suspend fun halt() {
        if (!started) return
        started = false
        if (outputs.isNotEmpty() && client.canProcess) {
            processor.silence = true
            val deadline = System.nanoTime() + SILENCE_TIMEOUT_NANOS
            while (!processor.silenced && client.canProcess && System.nanoTime() < deadline) delay(1)
        }
        client.streams.stopped(endpoint, processor, handles)
    }

    private companion object {
        const val SILENCE_TIMEOUT_NANOS = 500_000_000L
    }
}
