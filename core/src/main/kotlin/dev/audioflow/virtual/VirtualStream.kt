package dev.audioflow.virtual

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamInfo
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.Wakeup
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds

/**
 * A virtual device's stream: a coroutine driver that plays the native callback's part, calling
 * [RealtimeEndpoint.process] once per block, paced by [pacing].
 */
@OptIn(DelicateAudioApi::class)
internal class VirtualStream(
    private val request: StreamRequest,
    private val input: VirtualDevice?,
    private val output: VirtualDevice?,
    private val pacing: Pacing,
    private val backendName: String,
) : BackendStream {
    private val config = request.config
    private val endpoint = request.endpoint
    private val period = config.nominalBlockFrames
    private var job: Job? = null
    private val periodNanos = config.format.nanosOf(period.toLong()).toDouble()
    private val measuresLoad = pacing == Pacing.Realtime

    /** Set by the driver when one of its devices vanished; reported by [health]. */
    @Volatile private var lostDevice: AudioException? = null

    /** Smoothed share of each period the driver spends working; written by the driver only. */
    @Volatile private var load = Double.NaN

    override val wakeup: Wakeup = Wakeup.signalling()

    override val info: StreamInfo = StreamInfo(
        sampleRate = config.format.sampleRate.toDouble(),
        inputLatency = if (input != null) config.format.durationOf(period.toLong()) else Duration.ZERO,
        outputLatency = if (output != null) config.format.durationOf(period.toLong()) else Duration.ZERO,
        blockSize = BlockSize.Fixed(period),
        backend = backendName,
        description = "virtual ${pacing.name.lowercase()} ${listOfNotNull(input?.name, output?.name).distinct().joinToString(" / ")}",
    )

    override suspend fun start() {
        if (job != null) return
        val context = if (pacing == Pacing.Realtime) Dispatchers.Default else EmptyCoroutineContext
        job = request.scope.launch(context) { drive() }
    }

    override suspend fun stop() = halt()

    override suspend fun abort() = halt()

    override suspend fun close() = halt()

    /** [AudioErrorKind.StreamInvalidated] once a device of the stream vanished ([VirtualDevice.vanish]). */
    override fun health(): AudioException? = lostDevice

    /** The driver's own work per period over the period's length; NaN unless paced in real time. */
    override fun cpuLoad(): Double = if (measuresLoad && job?.isActive == true) load else Double.NaN

    private suspend fun halt() {
        job?.cancelAndJoin()
    }

    private suspend fun drive() {
        val format = config.format
        val inBuf = input?.let { FloatArray(period * request.inputChannels) }
        val outBuf = output?.let { FloatArray(period * request.outputChannels) }
        val outFormat = AudioFormat(format.sampleRate, maxOf(1, request.outputChannels))
        val cursor = input?.source?.open(format, request.scope)
        var inputOpen = cursor != null
        val clock = Clock(pacing, format.sampleRate)
        var position = 0L
        while (true) {
            if (input?.vanished == true || output?.vanished == true) return vanish()
            val workStart = if (measuresLoad) System.nanoTime() else 0L
            var frames = period
            if (inputOpen) {
                if (pacing == Pacing.Unpaced) awaitInputSpace()
                frames = cursor!!.fill(inBuf!!, period)
            }
            if (outBuf != null && pacing == Pacing.Unpaced) {
                frames = awaitOutputData(frames, inputOpen)
                if (frames == 0) continue
            }
            val before = endpoint.framesRendered
            endpoint.process(if (inputOpen) inBuf else null, outBuf, frames, 0, format.nanosOf(position))
            val played = (endpoint.framesRendered - before).toInt()
            if (played > 0) output!!.sink!!.accept(outBuf!!, played, outFormat, endpoint.framesRendered - played)
            position += frames
            if (measuresLoad) measureLoad(System.nanoTime() - workStart)
            if (inputOpen && frames < period) {
                inputOpen = false
                endpoint.inputEnded = true
            }
            wakeup.signalApp()
            if (!inputOpen && outBuf == null) return
            clock.pace(position)
        }
    }

    private fun measureLoad(workNanos: Long) {
        val sample = workNanos / periodNanos
        val previous = load
        load = if (previous.isNaN()) sample else previous + LOAD_SMOOTHING * (sample - previous)
    }

    private suspend fun awaitInputSpace() {
        val ring = endpoint.inputRing!!
        while (ring.freeFrames() < period) {
            wakeup.signalApp()
            wakeup.awaitDriver()
        }
    }

    /**
     * Unpaced output takes only what the app has queued, waiting for it rather than underflowing;
     * 0 means the app has ended its output and everything was played (the driver then idles
     * until stopped). While the input side is open (duplex) it does not wait, since the app may
     * need several input blocks before it can write one.
     */
    private suspend fun awaitOutputData(frames: Int, inputOpen: Boolean): Int {
        if (inputOpen) return frames
        val ring = endpoint.outputRing!!
        while (ring.availableFrames() < frames && !endpoint.outputEnded) {
            wakeup.signalApp()
            wakeup.awaitDriver()
        }
        val available = minOf(frames, ring.availableFrames())
        if (available == 0) {
            wakeup.signalApp()
            wakeup.awaitDriver()
        }
        return available
    }

    private fun vanish() {
        lostDevice = AudioException(
            AudioErrorKind.StreamInvalidated,
            "virtual device '${(input ?: output)!!.name}' vanished while the stream was running",
            backend = backendName,
        )
        wakeup.signalApp()
    }
}

/** Spaces driver cycles: deadlines derive from the frame position, never from accumulated rounding. */
private class Clock(private val pacing: Pacing, private val sampleRate: Int) {
    private val startNanos = System.nanoTime()
    private var elapsedMillis = 0L

    suspend fun pace(position: Long) {
        when (pacing) {
            Pacing.Realtime -> {
                val wait = startNanos + position * 1_000_000_000L / sampleRate - System.nanoTime()
                if (wait > 0) delay(wait.nanoseconds) else yield()
            }
            Pacing.CoroutineTime -> {
                val deadline = position * 1000L / sampleRate
                if (deadline > elapsedMillis) delay(deadline - elapsedMillis) else yield()
                elapsedMillis = deadline
            }
            Pacing.Unpaced -> yield()
        }
    }
}

/** Weight of the newest period in the virtual driver's smoothed load (about 50 periods' memory). */
private const val LOAD_SMOOTHING = 0.02
