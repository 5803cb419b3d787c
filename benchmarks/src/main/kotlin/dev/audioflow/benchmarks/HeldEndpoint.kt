package dev.audioflow.benchmarks

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamConfig
import dev.audioflow.duplex
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.Wakeup
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSink
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

/**
 * The [RealtimeEndpoint] of an open 2-in/2-out duplex stream of [frames]-frame blocks at 48 kHz,
 * for a benchmark thread to drive as a native callback would.
 *
 * Core makes endpoints only for the streams it opens, so this opens one through the public
 * backend SPI: `duplex` on a virtual device behind a backend whose stream starts no driver and
 * whose [Wakeup] parks the stream's coroutine side for good the first time it waits for input.
 * From then on the endpoint is in the state a running duplex stream's is (output primed with two
 * blocks of silence and armed, input ring empty), and only the caller touches it: it plays the
 * driver (`process`, `processNative`, `processPlanar`) and the app side (the rings' other ends).
 * One thread at a time. [close] cancels the stream and waits for it to close.
 */
@OptIn(DelicateAudioApi::class)
class HeldEndpoint(frames: Int) : AutoCloseable {
    private val backend = HoldingBackend(VirtualBackend(Pacing.Unpaced, "held"))
    private val job: Job

    /** The open stream's endpoint. */
    val endpoint: RealtimeEndpoint

    init {
        val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(frames))
        job = CoroutineScope(Dispatchers.Default).launch { backend.device.duplex(config) { it } }
        endpoint = runBlocking { withTimeout(10.seconds) { backend.parked.await() } }
    }

    override fun close() {
        runBlocking { job.cancelAndJoin() }
    }
}

/** A virtual backend whose streams are driven by their caller; [parked] completes once the app side waits. */
@OptIn(DelicateAudioApi::class)
private class HoldingBackend(private val virtual: VirtualBackend) : AudioBackend by virtual {
    val parked = CompletableDeferred<RealtimeEndpoint>()
    private val virtualDevice = virtual.addDevice("held", 2, 2, 48_000, null, VirtualSink.discard())
    val device: AudioDevice = HeldDevice(virtualDevice, this)

    override suspend fun openStream(request: StreamRequest): BackendStream {
        val endpoint = request.endpoint
        val stream = virtual.openStream(StreamRequest(virtualDevice, virtualDevice, request.config, endpoint, request.scope))
        return object : BackendStream by stream {
            override val wakeup: Wakeup = object : Wakeup() {
                override suspend fun awaitApp() {
                    parked.complete(endpoint)
                    awaitCancellation()
                }
            }

            override suspend fun start() {}
        }
    }
}

/** [virtual] as a device of [backend]. */
private class HeldDevice(virtual: AudioDevice, override val backend: AudioBackend) : AudioDevice by virtual
