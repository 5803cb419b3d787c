package dev.audioflow

import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.ProcessorRunner
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StatusFlags
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.checkChannels
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/**
 * The coroutine side of one open stream: reads input blocks out of the endpoint, writes output
 * blocks into it, waits for the driver, and publishes stats. Confined to the collecting coroutine.
 */
@OptIn(DelicateAudioApi::class)
internal class StreamSession(
    val config: StreamConfig,
    val stream: BackendStream,
    val endpoint: RealtimeEndpoint,
    private val monitor: StreamMonitor?,
    /** What the monitor is told of [stream]'s info: a rate-converted stream states its conversion. */
    private val describe: (StreamInfo) -> StreamInfo = { it },
) {
    private val inputFormat = config.format
    private val outputFormat = config.format.withChannels(maxOf(1, endpoint.outputChannels))
    private var framesIn = 0L
    private var state = StreamState.Opened
    private var anchorPosition = 0L
    private var anchorNanos = 0L
    private var recycled: FloatArray? = null
    private var started = false
    private var cpuLoad = Double.NaN
    private var cpuLoadNanos = 0L
    private var publishedNanos = 0L

    /** Frames a duplex stream queues between input and output ([primeDuplexOutput]); null for other streams. */
    private var duplexQueueFrames: Long? = null
    private var publishedExcess = 0L
    private var publishedPlacement = endpoint.placementDescription

    /** The stream's fatal condition, once [BackendStream.health] has reported one; the first wins. */
    private var failure: AudioException? = null

    /** Whether this stream's coroutine side should run on a [StreamThread] of its own (native drivers). */
    val wantsStreamThread: Boolean get() = stream.wakeup.parksStreamThread

    suspend fun start() {
        if (started) return
        stream.start()
        started = true
        setState(StreamState.Running)
    }

    /** True once [pollInput] has found the input ended (and drained). */
    var inputFinished: Boolean = false
        private set

    /**
     * The next input block if one is ready; null when there is none yet (then [awaitInput]) or
     * the input has ended ([inputFinished]). Throws the failure [BackendStream.health] reported, after draining.
     *
     * Not suspending, so that the per-block path allocates no suspend frame: callers loop on
     * it inside one long-lived coroutine body (see [input]) and only suspend to wait.
     */
    fun pollInput(): FloatBlock? {
        val ring = endpoint.inputRing!!
        val ended = endpoint.inputEnded
        val fatal = failure
        val available = ring.availableFrames()
        val wanted = when (val size = config.blockSize) {
            is BlockSize.Fixed -> size.frames
            BlockSize.Variable -> minOf(available, ring.capacityFrames)
        }
        if (available >= wanted && wanted > 0) return takeInput(wanted)
        if (ended || fatal != null) {
            if (available > 0) return takeInput(available)
            if (fatal != null) throw fatal
            inputFinished = true
        }
        return null
    }

    /** Suspends until the driver may have captured more input; returns at once when the stream has failed, for [pollInput] to drain and throw. */
    suspend fun awaitInput() {
        if (failed()) return
        return stream.wakeup.awaitApp()
    }

    /** Asks the backend's health hook and the audio-thread processor, until one has reported a failure; true once it has. */
    private fun failed(): Boolean {
        if (failure == null) failure = processorFailure() ?: stream.health()
        return failure != null
    }

    private fun processorFailure(): AudioException? {
        val thrown = endpoint.processorRunner?.failure ?: return null
        return AudioException(AudioErrorKind.BackendError, "the audio processor threw ${thrown::class.java.name}: ${thrown.message}", thrown, stream.info.backend)
    }

    /**
     * Runs [processor] in the driver's cycles until cancelled or the stream fails: installs it
     * (arrays for cycles of up to the ring's capacity), starts the stream, and publishes stats
     * while waiting. Processed frames count as delivered, in and out.
     *
     * With a [tap], [onTap] gets the tapped side as a Flow read from the tap's ring, and the
     * stream runs until [onTap] returns (or the caller is cancelled, or the stream fails, which
     * cancels [onTap] and is thrown).
     */
    suspend fun runProcessor(processor: AudioProcessor, tap: ProcessorTap? = null, onTap: suspend (Flow<FloatBlock>) -> Unit = {}) {
        val capacity = endpoint.inputRing?.capacityFrames ?: endpoint.outputRing!!.capacityFrames
        endpoint.installProcessor(processor, capacity, tap, config.effectiveRingFrames)
        publishInfoIfChanged(force = true, queue = 0)
        start()
        if (tap == null) return watchProcessor()
        coroutineScope {
            val watch = launch { watchProcessor() }
            onTap(tapFlow(endpoint.processorRunner!!))
            watch.cancel()
        }
    }

    private suspend fun watchProcessor(): Nothing {
        while (true) {
            if (failed()) throw failure!!
            framesIn = endpoint.framesRendered
            publishRunning()
            delay(StreamMonitor.PUBLISH_INTERVAL)
        }
    }

    /**
     * The tapped side of [runner] as blocks of the stream's block size (or what is there, with
     * variable blocks), polled every half block. A block stops short of a gap the tap's log
     * records; the next one carries it as [BlockStatus.inputOverflow] with the lost frames, which
     * are skipped in its index.
     */
    private fun tapFlow(runner: ProcessorRunner): Flow<FloatBlock> = flow {
        val ring = runner.tapRing ?: return@flow
        val log = runner.tapLog
        val format = AudioFormat(config.format.sampleRate, runner.tapChannels)
        val fixed = config.blockSize is BlockSize.Fixed
        val blockFrames = config.nominalBlockFrames
        val poll = format.durationOf(blockFrames.toLong()) / 2
        var position = 0L
        var gap = 0L
        while (true) {
            // Availability first: a gap is recorded before any frame written after it is published.
            val available = ring.availableFrames()
            val gapAt = log.peekPosition()
            if (gapAt <= ring.totalRead) {
                gap += log.peekDropped()
                log.pop()
                continue
            }
            val limit = minOf(blockFrames.toLong(), gapAt - ring.totalRead).toInt()
            if (available < (if (fixed && limit == blockFrames) blockFrames else 1)) {
                delay(poll)
                continue
            }
            val frames = minOf(available, limit)
            val samples = FloatArray(frames * format.channels)
            ring.read(samples, 0, frames)
            position += gap
            val status = if (gap > 0) BlockStatus.ofFlags(StatusFlags.INPUT_OVERFLOW, gap) else BlockStatus.CLEAR
            gap = 0
            emit(FloatBlock(format, samples, position, format.nanosOf(position), status))
            position += frames
        }
    }

    private fun takeInput(frames: Int): FloatBlock {
        val ring = endpoint.inputRing!!
        val start = ring.totalRead
        val size = frames * inputFormat.channels
        val samples = recycledArray(size)
        ring.read(samples, 0, frames)
        stream.wakeup.signalDriver()
        val log = endpoint.inputLog
        var flags = 0
        var dropped = 0L
        while (log.peekPosition() < start + frames) {
            flags = flags or log.peekFlags()
            dropped += log.peekDropped()
            anchorPosition = log.peekPosition()
            anchorNanos = log.peekTime()
            log.pop()
        }
        framesIn += frames
        publishRunning()
        val timestamp = anchorNanos + inputFormat.nanosOf(start - anchorPosition)
        return FloatBlock(inputFormat, samples, start, timestamp, BlockStatus.ofFlags(flags, dropped))
    }

    private fun recycledArray(size: Int): FloatArray {
        if (!config.recycleBlocks) return FloatArray(size)
        val current = recycled
        if (current != null && current.size == size) return current
        return FloatArray(size).also { recycled = it }
    }

    /** Queues [block] for output, suspending while the ring is full; starts the stream once [prefillFrames] are queued. */
    suspend fun writeOutput(block: FloatBlock, prefillFrames: Int) {
        AudioException.require(block.channels == outputFormat.channels) {
            "block has ${block.channels} channels but the output stream has ${outputFormat.channels}"
        }
        AudioException.require(block.sampleRate == outputFormat.sampleRate) {
            "block sample rate ${block.sampleRate} Hz differs from the output stream's ${outputFormat.sampleRate} Hz"
        }
        if (block.frames == 0) return
        val written = offerOutput(block, 0)
        if (written == block.frames && started) {
            publishRunning()
            return
        }
        // Only a tail call suspends here, so the common path above allocates no suspend frame.
        return writeOutputSlowly(block, written, prefillFrames)
    }

    /** Writes what fits of [block] from frame [offset] on; returns the new offset. */
    private fun offerOutput(block: FloatBlock, offset: Int): Int {
        val ring = endpoint.outputRing!!
        val done = offset + ring.write(block.samples, offset, block.frames - offset)
        if (!endpoint.outputArmed) endpoint.outputArmed = true
        stream.wakeup.signalDriver()
        return done
    }

    private suspend fun writeOutputSlowly(block: FloatBlock, written: Int, prefillFrames: Int) {
        val ring = endpoint.outputRing!!
        var offset = written
        while (true) {
            if (!started && (ring.freeFrames() == 0 || ring.totalWritten >= prefillFrames)) start()
            if (offset >= block.frames) break
            awaitDriver()
            offset = offerOutput(block, offset)
        }
        publishRunning()
    }

    /**
     * Queues [frames] frames of silence (the duplex stream's target latency), arms underflow
     * detection and bounds the latency: from here on every frame the device plays is part of the
     * stream's timeline, so a late block is a glitch to report and to take back
     * ([RealtimeEndpoint.boundedLatency]), not a start-up delay.
     */
    fun primeDuplexOutput(frames: Int) {
        val ring = endpoint.outputRing!!
        val n = minOf(frames, ring.capacityFrames)
        ring.write(FloatArray(n * outputFormat.channels), 0, n)
        duplexQueueFrames = n.toLong()
        endpoint.boundedLatency = true
        endpoint.outputArmed = true
        publishInfoIfChanged(force = true)
    }

    /**
     * Publishes the stream's info anew when it changed: for a duplex stream the frames between
     * its input and output (its target queue plus the silence underflows inserted, less what
     * dropped input and resyncs took back, added to [StreamInfo.roundTripLatency]), and for every
     * stream its thread's placement ([RealtimeEndpoint.placementDescription]).
     */
    private fun publishInfoIfChanged(force: Boolean = false, queue: Long? = duplexQueueFrames) {
        duplexQueueFrames = queue
        val m = monitor ?: return
        val excess = if (queue == null) 0L else endpoint.silencedFrames - endpoint.droppedFrames - endpoint.resyncDroppedFrames
        val placement = endpoint.placementDescription
        if (excess == publishedExcess && placement == publishedPlacement && !force) return
        publishedExcess = excess
        publishedPlacement = placement
        val info = describedInfo()
        if (queue == null) return m.publishInfo(info)
        val queued = inputFormat.durationOf((queue + excess).coerceAtLeast(0))
        m.publishInfo(info.copy(roundTripLatency = info.roundTripLatency + queued))
    }

    /** What the monitor is told of the stream: its backend's info with the thread placement it has now, through [describe]. */
    fun describedInfo(): StreamInfo {
        val info = stream.info
        return describe(info.copy(description = info.description + endpoint.placementDescription))
    }

    /** Marks the output complete and suspends until the device has taken every queued frame. */
    suspend fun drainOutput() {
        start()
        endpoint.outputEnded = true
        setState(StreamState.Draining)
        val ring = endpoint.outputRing!!
        while (ring.totalRead < ring.totalWritten) {
            stream.wakeup.signalDriver()
            awaitDriver()
        }
    }

    private suspend fun awaitDriver() {
        if (failed()) throw failure!!
        stream.wakeup.awaitApp()
        if (failed()) throw failure!!
    }

    fun setState(newState: StreamState) {
        state = newState
        publish()
    }

    /**
     * [publish], at most every [StreamMonitor.PUBLISH_INTERVAL] while the state stays the same;
     * first the stream thread's placement, since this runs for every block the stream thread
     * handles (so one that never waits for the driver still follows the audio thread and is let
     * go when heavy).
     */
    private fun publishRunning() {
        endpoint.follower.follow()
        if (monitor == null || System.nanoTime() - publishedNanos < PUBLISH_INTERVAL_NANOS) return
        publish()
    }

    private fun publish() {
        val m = monitor ?: return
        publishedNanos = System.nanoTime()
        publishInfoIfChanged()
        m.publish(
            StreamStats(
                state = state,
                framesIn = framesIn,
                framesOut = endpoint.framesRendered,
                inputOverflows = endpoint.inputOverflowCycles,
                droppedFrames = endpoint.droppedFrames,
                outputUnderflows = endpoint.outputUnderflowCycles,
                silencedFrames = endpoint.silencedFrames,
                xruns = endpoint.xruns,
                cycles = endpoint.cycles,
                resyncs = endpoint.resyncs,
                resyncDroppedFrames = endpoint.resyncDroppedFrames,
                cpuLoad = currentCpuLoad(),
            ),
            stream.status(),
        )
    }

    /** The backend's CPU load, asked at most every [CPU_LOAD_PERIOD_NANOS] (it may be a native call). */
    private fun currentCpuLoad(): Double {
        if (state != StreamState.Running && state != StreamState.Draining) return Double.NaN
        val now = System.nanoTime()
        if (cpuLoadNanos == 0L || now - cpuLoadNanos >= CPU_LOAD_PERIOD_NANOS) {
            cpuLoad = stream.cpuLoad()
            cpuLoadNanos = now
        }
        return cpuLoad
    }

    private companion object {
        const val CPU_LOAD_PERIOD_NANOS = 100_000_000L
    }
}

private val PUBLISH_INTERVAL_NANOS = StreamMonitor.PUBLISH_INTERVAL.inWholeNanoseconds

/**
 * Opens a stream on [input]/[output] with [config], runs [body] with its session, and always
 * stops and closes it: drained stop after a normal return of a stream with output, abort
 * otherwise. Close waits until the driver has stopped, so nothing outlives this call.
 */
@OptIn(DelicateAudioApi::class)
internal suspend fun <T> withStream(
    input: AudioDevice?,
    output: AudioDevice?,
    config: StreamConfig,
    monitor: StreamMonitor?,
    describe: (StreamInfo) -> StreamInfo = { it },
    body: suspend (StreamSession) -> T,
): T = coroutineScope {
    val backend = validateStream(input, output, config)
    val endpoint = RealtimeEndpoint(
        inputChannels = if (input != null) config.format.channels else 0,
        outputChannels = when {
            output == null -> 0
            input == null -> config.format.channels
            else -> config.effectiveOutputChannels
        },
        ringFrames = config.effectiveRingFrames,
        sampleRate = config.format.sampleRate,
    )
    monitor?.publishInfo(null)
    val stream = backend.openStream(StreamRequest(input, output, config, endpoint, this))
    StreamDiagnostics.onOpen()
    val session = StreamSession(config, stream, endpoint, monitor, describe)
    monitor?.publishInfo(session.describedInfo())
    session.setState(StreamState.Opened)
    var failure: Throwable? = null
    try {
        body(session)
    } catch (e: Throwable) {
        failure = e
        throw e
    } finally {
        withContext(NonCancellable) {
            try {
                shutDown(stream, drain = failure == null && output != null)
            } catch (e: Throwable) {
                // The stream's own failure matters more than a failure to stop it.
                failure?.addSuppressed(e) ?: throw e
            } finally {
                StreamDiagnostics.onClose()
                endpoint.follower.close()
                session.setState(if (failure == null || failure is CancellationException) StreamState.Closed else StreamState.Failed)
            }
        }
    }
}

@OptIn(DelicateAudioApi::class)
private suspend fun shutDown(stream: BackendStream, drain: Boolean) {
    try {
        if (drain) stream.stop() else stream.abort()
    } finally {
        stream.close()
    }
}

@OptIn(DelicateAudioApi::class)
private fun validateStream(input: AudioDevice?, output: AudioDevice?, config: StreamConfig): AudioBackend {
    val backend = (input ?: output)!!.backend
    AudioException.require(output == null || output.backend === backend) {
        "input device '${input?.name}' (${backend.name}) and output device '${output?.name}' (${output?.backend?.name}) belong to different backends"
    }
    val channels = checkChannels(input, output, config)
    if (channels is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.InvalidArgument, channels.reason, backend = backend.name)
    return backend
}
