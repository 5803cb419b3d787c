package dev.audioflow.portaudio.internal

import com.sun.jna.NativeLong
import com.sun.jna.Pointer
import com.sun.jna.ptr.PointerByReference
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.HostApiType
import dev.audioflow.StreamInfo
import dev.audioflow.portaudio.AlsaStreamSettings
import dev.audioflow.portaudio.PortAudioSettings
import dev.audioflow.portaudio.PortAudioStreamStatus
import dev.audioflow.spi.AbandonableCall
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.UpcallScope
import dev.audioflow.spi.Wakeup
import dev.audioflow.spi.jna.CallbackThreads
import dev.audioflow.spi.jna.NativeCalls
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.nanoseconds

/**
 * One open PortAudio callback stream, driven by the core lifecycle.
 *
 * Non-realtime methods serialise on this object; [stop], [abort] and [close] are idempotent and
 * return only once PortAudio has stopped calling back (`Pa_StopStream`/`Pa_AbortStream` block
 * until then), so the rings may be released afterwards. The callback (JNA callback object or
 * FFM upcall stub in [upcalls]) stays referenced until `Pa_CloseStream` has returned, and the
 * stub's scope is closed only then; a stream that PortAudio failed to close keeps it open for
 * the rest of the process.
 *
 * On the JACK host API every start, stop and close has a deadline, and a stream whose server has
 * gone is never touched again ([abandon]): PortAudio 19.6 would wait ten minutes for the dead
 * process thread or abort the JVM on a failed `assert`. [health] reports such a stream as
 * [AudioErrorKind.ServerShutdown] within [HEALTH_PERIOD_NANOS] of the server's death.
 */
@OptIn(DelicateAudioApi::class)
internal class PaStream private constructor(
    private val handle: Pointer,
    private val driver: CallbackDriver,
    private val endpoint: RealtimeEndpoint,
    override val info: StreamInfo,
    private val sides: List<PaSide>,
    private val upcalls: UpcallScope?,
) : BackendStream {
    private enum class State { Opened, Running, Stopped, Closed, Abandoned }

    /** Whether this stream is on PortAudio's JACK host API, whose calls need a deadline and a live server. */
    private val jackHost = onJackHost(sides)

    private var state = State.Opened

    private var lastCheckNanos = 0L

    /** `Pa_GetStreamCpuLoad` as [health] last read it, NaN until then. */
    @Volatile private var lastCpuLoad = Double.NaN

    /** `Pa_IsStreamActive` and `Pa_GetStreamTime` (seconds) as [health] last read them, for [status]. */
    @Volatile private var lastActive = false
    @Volatile private var lastStreamTime = 0.0

    private val blockNanos = 1_000_000_000L * maxOf(info.blockSize.nominalFrames, 256) / info.sampleRate.toLong().coerceAtLeast(1)

    override val wakeup: Wakeup = Wakeup.polling(Wakeup.pollPeriodFor(blockNanos.nanoseconds), endpoint)

    override suspend fun start() = native {
        if (state != State.Opened) return@native
        val code = call("Pa_StartStream") { PaNative.Pa_StartStream(handle) }
            ?: throw AudioException(AudioErrorKind.ServerShutdown, "${info.description} did not start within $JACK_CALL_TIMEOUT_MILLIS ms: the JACK server does not answer", backend = PaLibrary.BACKEND)
        checkError(code, "Pa_StartStream(${info.description})")
        state = State.Running
    }

    override suspend fun stop() = halt(drain = true)

    override suspend fun abort() = halt(drain = false)

    override suspend fun close() = native {
        if (state == State.Closed) return@native
        try {
            if (!usable()) return@native
            if (state == State.Running) call("Pa_AbortStream") { PaNative.Pa_AbortStream(handle) } ?: return@native
            val code = call("Pa_CloseStream") { PaNative.Pa_CloseStream(handle) } ?: return@native
            checkError(code, "Pa_CloseStream(${info.description})")
            // PortAudio holds the stub no more: only now may it be freed.
            upcalls?.close()
        } finally {
            state = State.Closed
            lastActive = false
            PaRuntime.releaseStream()
        }
    }

    private suspend fun halt(drain: Boolean) = native {
        if (state != State.Running) return@native
        state = State.Stopped
        if (!usable()) return@native
        val name = if (drain) "Pa_StopStream" else "Pa_AbortStream"
        val code = call(name) { if (drain) PaNative.Pa_StopStream(handle) else PaNative.Pa_AbortStream(handle) } ?: return@native
        if (code != PaErrors.STREAM_IS_STOPPED) checkError(code, "$name(${info.description})")
    }

    /**
     * Whether PortAudio may still be called on this stream: not once it was abandoned, nor (then
     * abandoning it) once its JACK server is gone, when `Pa_StopStream` would wait ten minutes
     * for the dead process thread and `Pa_CloseStream` abort the JVM.
     */
    private fun usable(): Boolean {
        if (state == State.Abandoned) return false
        if (!jackHost || !PaRuntime.jackServerGone()) return true
        abandon(null)
        return false
    }

    /**
     * [block] directly, or on a stream of the JACK host API through [AbandonableCall] with a
     * deadline: there PortAudio waits for its process thread, which a stopped or dead server
     * never runs again. Null, and the stream abandoned, when it did not return in time.
     */
    private fun call(name: String, block: () -> Int): Int? {
        if (!jackHost) return block()
        return AbandonableCall.runWithin("portaudio-$name", JACK_CALL_TIMEOUT_MILLIS) { block() }
            ?: null.also { abandon("$name did not return within $JACK_CALL_TIMEOUT_MILLIS ms") }
    }

    /**
     * Gives the stream up without another PortAudio call on it: its JACK server is gone (any
     * call could abort the JVM or wait for good) or a call on it did not return ([why]). The
     * callback, the stub and the rings stay referenced from [PaRuntime.abandoned] for the rest of
     * the process, since PortAudio still holds them; PortAudio is not terminated again.
     */
    private fun abandon(why: String?) {
        if (why != null) PaRuntime.jackServerLost("$why on ${info.description}")
        state = State.Abandoned
        lastActive = false
        PaRuntime.abandoned.add(this)
    }

    /** Runs a blocking PortAudio call off the caller's dispatcher, serialised with the other calls on this stream. */
    private suspend fun <T> native(block: () -> T): T = withContext(Dispatchers.IO) { synchronized(this@PaStream) { block() } }

    /** `Pa_GetStreamCpuLoad` as [health] last read it (every 50 ms while running), NaN when not running. */
    override fun cpuLoad(): Double = if (state == State.Running) lastCpuLoad else Double.NaN

    /**
     * A callback failure ([AudioErrorKind.BackendError]) at once; at most every 50 ms, a stream
     * that PortAudio stopped by itself ([AudioErrorKind.StreamInvalidated]: device lost or host
     * error), read together with the CPU load and the stream time that [cpuLoad] and [status] report.
     */
    override fun health(): AudioException? {
        driver.failure?.let { failure ->
            return AudioException(AudioErrorKind.BackendError, "the PortAudio callback of ${info.description} failed: $failure", failure, backend = PaLibrary.BACKEND)
        }
        val now = System.nanoTime()
        if (now - lastCheckNanos < HEALTH_PERIOD_NANOS) return null
        lastCheckNanos = now
        synchronized(this) {
            if (state != State.Running) return null
            val active = PaNative.Pa_IsStreamActive(handle)
            lastCpuLoad = PaNative.Pa_GetStreamCpuLoad(handle)
            lastStreamTime = PaNative.Pa_GetStreamTime(handle)
            lastActive = active == 1
            return when {
                active == 0 && jackHost -> {
                    // On the JACK host API only the server's shutdown stops a stream whose callback did not ask to stop.
                    PaRuntime.jackServerLost("it stopped ${info.description}")
                    AudioException(AudioErrorKind.ServerShutdown, "the JACK server went away under ${info.description} (PortAudio's JACK host API stopped it)", backend = PaLibrary.BACKEND)
                }
                active == 0 -> AudioException(AudioErrorKind.StreamInvalidated, "PortAudio stopped ${info.description} on its own (device lost or host error)", backend = PaLibrary.BACKEND)
                active < 0 -> paException(active, "Pa_IsStreamActive(${info.description})", AudioErrorKind.StreamInvalidated)
                else -> null
            }
        }
    }

    /** PortAudio's view of the stream: the clock [health] last read, and the callback counters now. */
    override fun status(): PortAudioStreamStatus =
        PortAudioStreamStatus(
            active = lastActive,
            streamTime = paDuration(lastStreamTime),
            callbacks = driver.callbacks,
            cycles = endpoint.cycles,
            inputUnderflows = driver.inputUnderflows,
            inputOverflows = driver.inputOverflows,
            outputUnderflows = driver.outputUnderflows,
            outputOverflows = driver.outputOverflows,
            primingCycles = driver.primingCycles,
        )

    companion object {
        private const val HEALTH_PERIOD_NANOS = 50_000_000L

        /** How long a start, stop or close on the JACK host API may take before the stream is abandoned: a live server answers within a period. */
        private const val JACK_CALL_TIMEOUT_MILLIS = 2_000L
        private const val VARIABLE_BLOCK_SCRATCH_FRAMES = 4096
        private val streamNumbers = AtomicInteger()

        /** Whether a stream on [sides] is on PortAudio's JACK host API. */
        private fun onJackHost(sides: List<PaSide>): Boolean = sides.any { it.device.hostApiType == HostApiType.Jack }

        /**
         * Opens (does not start) a stream for [request] on the resolved devices. The caller holds
         * [PaRuntime.lock] and a backend reference; on success the stream holds its own
         * reference, on failure nothing stays open.
         */
        fun open(request: StreamRequest, input: PaSide?, output: PaSide?, settings: PortAudioSettings, calls: NativeCalls): PaStream {
            val config = request.config
            val description = describe(input, output, config.blockSize, settings)
            val fixedFrames = (config.blockSize as? BlockSize.Fixed)?.frames
            val driver = CallbackDriver(
                request.endpoint,
                settings.deviceSampleFormat,
                fixedFrames ?: VARIABLE_BLOCK_SCRATCH_FRAMES,
                config.format.sampleRate,
                calls,
            )
            if (onJackHost(listOfNotNull(input, output))) PaRuntime.requireJackHostApi("cannot open $description")
            val threadName = "portaudio-callback-${streamNumbers.incrementAndGet()}"
            driver.jnaCallback?.let { CallbackThreads.keepAttached(it, threadName) }
            val numPeriods = listOfNotNull(input, output).mapNotNull { (it.hostSettings as? AlsaStreamSettings)?.numPeriods }.maxOrNull()
            PaRuntime.acquireStream()
            var handle: Pointer? = null
            val upcalls = calls.foreign?.openUpcalls()
            try {
                if (PaLibrary.library.exports("PaAlsa_SetNumPeriods")) {
                    PaAlsaNative.PaAlsa_SetNumPeriods(numPeriods ?: AlsaStreamSettings.DEFAULT_NUM_PERIODS)
                }
                val ref = PointerByReference()
                val rate = config.format.sampleRate.toDouble()
                val frames = NativeLong(fixedFrames?.toLong() ?: Pa.FRAMES_PER_BUFFER_UNSPECIFIED)
                val flags = NativeLong(paStreamFlags(settings))
                val code = if (upcalls == null) {
                    PaNative.Pa_OpenStream(ref, input?.params, output?.params, rate, frames, flags, driver.jnaCallback!!, null)
                } else {
                    PaNative.Pa_OpenStream(ref, input?.params, output?.params, rate, frames, flags, Pointer(upcalls.stub(driver.upcallTarget(), threadName)), null)
                }
                checkError(code, "Pa_OpenStream($description, ${config.format.sampleRate} Hz)")
                handle = ref.value
                enableRealtimeScheduling(handle, input, output)
                val native = PaNative.Pa_GetStreamInfo(handle)
                calls.colocateIfAsked(config, request.endpoint)
                val info = StreamInfo(
                    sampleRate = native?.sampleRate ?: config.format.sampleRate.toDouble(),
                    inputLatency = paDuration(native?.inputLatency ?: 0.0),
                    outputLatency = paDuration(native?.outputLatency ?: 0.0),
                    roundTripLatency = paDuration((native?.inputLatency ?: 0.0) + (native?.outputLatency ?: 0.0)),
                    blockSize = config.blockSize,
                    backend = PaLibrary.BACKEND,
                    description = description,
                    nativeCallPath = calls.path,
                )
                return PaStream(handle, driver, request.endpoint, info, listOfNotNull(input, output), upcalls)
            } catch (e: Throwable) {
                // Opened but not handed over: nothing else would ever close it. The stub is
                // freed only when PortAudio no longer holds it.
                val closed = handle?.let { PaNative.Pa_CloseStream(it) == 0 } ?: true
                if (closed) upcalls?.close()
                PaRuntime.releaseStream()
                throw e
            }
        }

        private fun enableRealtimeScheduling(handle: Pointer, input: PaSide?, output: PaSide?) {
            val wanted = listOfNotNull(input, output).any { (it.hostSettings as? AlsaStreamSettings)?.realtimeScheduling == true }
            if (wanted) PaAlsaNative.PaAlsa_EnableRealtimeScheduling(handle, 1)
        }

        private fun describe(input: PaSide?, output: PaSide?, blockSize: BlockSize, settings: PortAudioSettings): String {
            val api = (input ?: output)!!.device.hostApi
            val sides = listOfNotNull(input?.let { "in ${it.description}" }, output?.let { "out ${it.description}" }).joinToString(", ")
            val block = when (blockSize) {
                is BlockSize.Fixed -> "${blockSize.frames}-frame blocks"
                BlockSize.Variable -> "variable blocks"
            }
            return "$api $sides, ${settings.deviceSampleFormat.name.lowercase()}, $block"
        }
    }
}
