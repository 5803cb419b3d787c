package dev.audioflow.samples.ui

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.Latency
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.compose.DeviceList
import dev.audioflow.compose.MeterReading
import dev.audioflow.compose.PeakHold
import dev.audioflow.compose.ScopeTrace
import dev.audioflow.compose.oscilloscope
import dev.audioflow.duplex
import dev.audioflow.flow.gain
import dev.audioflow.flow.meter
import dev.audioflow.flow.resample
import dev.audioflow.flow.toMono
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioBackend
import dev.audioflow.samples.defaultChannels
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.flatMapLatest
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.stateIn
import kotlinx.coroutines.job
import kotlinx.coroutines.launch

/**
 * Stream settings of the `ui` pipeline.
 *
 * @property sampleRate rate in Hz, null for the input device's own.
 * @property blockSize frames per block.
 * @property latency suggested device latency.
 */
data class PipelineOptions(
    val sampleRate: Int? = null,
    val blockSize: BlockSize = BlockSize.DEFAULT,
    val latency: Latency = Latency.High,
)

/**
 * The state behind the `ui` window, and the only place its audio runs: an input device, through
 * a gain the user controls, into level meters and an oscilloscope, and on to an output device
 * (or nowhere, to meter only).
 *
 * Everything a view shows is a [StateFlow] in the types `audioflow-compose`'s composables take;
 * everything it can do is an intent method that returns at once (or, for the gain, a
 * [MutableStateFlow] a fader writes). The pipeline runs on [Dispatchers.Default] in the model's own scope, never on
 * the caller's thread: a view that stalls misses intermediate meter readings (the flows are
 * conflated) but never slows the audio. [close] (or [closeAndJoin]) cancels the scope, which
 * closes every stream it opened.
 *
 * Thread: intents and flows may be used from any thread.
 *
 * @property backend where devices come from.
 */
@OptIn(ExperimentalCoroutinesApi::class)
class LiveAudioModel(val backend: AudioBackend, private val options: PipelineOptions = PipelineOptions()) : AutoCloseable {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("audioflow-ui-model"))
    /** The running pipeline; touched only by the intent actor. */
    private var pipeline: Job? = null

    private val deviceList = DeviceList(backend)
    private val inputState = MutableStateFlow<AudioDevice?>(null)
    private val outputState = MutableStateFlow<AudioDevice?>(null)
    private val runState = MutableStateFlow<RunState>(RunState.Stopped)
    private val meterState = MutableStateFlow<MeterReading?>(null)
    private val scopeState = MutableStateFlow<ScopeTrace?>(null)
    private val noticeState = MutableStateFlow<String?>(null)
    private val monitors = MutableStateFlow<Pair<StreamMonitor, StreamMonitor?>?>(null)

    /** The backend's devices (inputs and outputs) to pick from; filled by [refreshDevices]. */
    val devices: StateFlow<List<AudioDevice>> = deviceList.devices

    /** The chosen input device, null before the first [refreshDevices] on a backend without one. */
    val input: StateFlow<AudioDevice?> = inputState.asStateFlow()

    /** The chosen output device, null to meter without playing. */
    val output: StateFlow<AudioDevice?> = outputState.asStateFlow()

    /**
     * Where the pipeline is. Changes after [notice]: a reader that sees [RunState.Failed] (or
     * [RunState.Starting], which clears the notice) sees the [notice] that goes with it.
     */
    val run: StateFlow<RunState> = runState.asStateFlow()

    /**
     * The latest meter window with peak hold, null before the first one. The hold runs in the
     * pipeline on the stream's clock, so it catches every window, even those a busy view skips.
     */
    val meters: StateFlow<MeterReading?> = meterState.asStateFlow()

    /** The latest oscilloscope trace, null before the first one. */
    val scopeTrace: StateFlow<ScopeTrace?> = scopeState.asStateFlow()

    /**
     * Linear gain applied to the audio (the pipeline's `gain(StateFlow)` operator reads it and
     * ramps to each new value without clicks); a `GainFader` writes it directly, [setGain]
     * checks and clamps first.
     */
    val gain: MutableStateFlow<Float> = MutableStateFlow(1f)

    /** The latest error or hint for the user, null when there is nothing to say. */
    val notice: StateFlow<String?> = noticeState.asStateFlow()

    /** Counters, latency and load of the running (or last) pipeline. */
    val status: StateFlow<StreamStatus> = monitors
        .flatMapLatest { pair ->
            if (pair == null) {
                flowOf(StreamStatus.IDLE)
            } else {
                val (inMonitor, outMonitor) = pair
                combine(
                    inMonitor.stats, inMonitor.info,
                    outMonitor?.stats ?: flowOf(null), outMonitor?.info ?: flowOf(null),
                ) { inStats, inInfo, outStats, outInfo -> StreamStatus.of(inStats, inInfo, outStats, outInfo) }
            }
        }
        .stateIn(scope, SharingStarted.Eagerly, StreamStatus.IDLE)

    /**
     * Re-reads the backend's device list off the caller's thread and keeps the chosen devices
     * when they still exist; a PortAudio backend re-initialises first when no pipeline runs.
     * Picks defaults on the first call: the built-in test signal on the virtual backend, else
     * the backend's default input; the virtual backend's output, else no output (so a
     * microphone is never looped into speakers unasked).
     */
    fun refreshDevices(): Job = scope.launch(Dispatchers.IO) {
        try {
            if (backend is PortAudioBackend) {
                if (runState.value.active) noticeState.value = "stop the stream to rescan PortAudio devices" else backend.refresh()
            }
            val testSignal = TestSignal.deviceOf(backend)
            val all = deviceList.refresh()
            val inputs = all.filter { it.maxInputChannels > 0 }
            val outputs = all.filter { it.maxOutputChannels > 0 }
            inputState.value = inputState.value?.let { current -> inputs.firstOrNull { it.sameDevice(current) } }
                ?: testSignal ?: defaultOrFirst(inputs) { backend.defaultInputDevice() }
            val wasChosen = outputState.value
            outputState.value = when {
                wasChosen != null -> outputs.firstOrNull { it.sameDevice(wasChosen) }
                testSignal != null -> defaultOrFirst(outputs) { backend.defaultOutputDevice() }
                else -> null
            }
        } catch (e: AudioException) {
            noticeState.value = e.message
        }
    }

    /** Chooses [device] for input; a running pipeline restarts on it. */
    fun selectInput(device: AudioDevice) {
        if (inputState.value.sameDevice(device)) return
        inputState.value = device
        restartIfRunning()
    }

    /** Chooses [device] for output, or null to meter only; a running pipeline restarts on it. */
    fun selectOutput(device: AudioDevice?) {
        val current = outputState.value
        if (current.sameDevice(device)) return
        outputState.value = device
        restartIfRunning()
    }

    /** Sets the linear gain (clamped to 0..[MAX_GAIN]); the audio ramps to it. */
    fun setGain(linear: Float) {
        gain.value = if (linear.isNaN()) 1f else linear.coerceIn(0f, MAX_GAIN)
    }

    /** Starts the pipeline on the chosen devices unless it is already running. */
    fun start() {
        intents.trySend(Intent.Start)
    }

    /** Stops the pipeline; its streams close in the background ([run] becomes [RunState.Stopped]). */
    fun stop() {
        intents.trySend(Intent.Stop(null))
    }

    /** Stops the pipeline and suspends until every stream it opened is closed. */
    suspend fun stopAndJoin() {
        val done = CompletableDeferred<Unit>()
        if (intents.trySend(Intent.Stop(done)).isSuccess) done.await()
    }

    /** Starts when stopped, stops when running. */
    fun toggle() {
        if (runState.value.active) stop() else start()
    }

    /** Cancels everything the model runs and suspends until every stream is closed. Idempotent. */
    suspend fun closeAndJoin() {
        if (actor.isActive) stopAndJoin()
        scope.coroutineContext.job.cancelAndJoin()
        intents.close()
        val current = runState.value
        if (current == RunState.Starting || current == RunState.Stopping) runState.value = RunState.Stopped
    }

    /** True once every coroutine the model ran (pipeline, intents, status) has finished. */
    val isClosed: Boolean get() = scope.coroutineContext.job.isCompleted

    /** [closeAndJoin], blocking. Idempotent. */
    override fun close() {
        kotlinx.coroutines.runBlocking { closeAndJoin() }
    }

    private fun restartIfRunning() {
        if (runState.value.active) intents.trySend(Intent.Restart)
    }

    /** What the user asked for, handled one at a time and in order by [actor]. */
    private sealed interface Intent {
        data object Start : Intent
        data object Restart : Intent
        class Stop(val done: CompletableDeferred<Unit>?) : Intent
    }

    private val intents = Channel<Intent>(Channel.UNLIMITED)

    /**
     * Handles intents in order, so a double click, a device change followed by Stop, or Stop
     * then Start from another thread always end in the state asked for last: a new pipeline
     * starts only after the previous one has closed its streams.
     */
    private val actor: Job = scope.launch {
        for (intent in intents) {
            when (intent) {
                Intent.Start -> if (pipeline?.isActive != true) launchPipeline()
                Intent.Restart -> if (pipeline?.isActive == true) {
                    halt()
                    launchPipeline()
                }
                is Intent.Stop -> {
                    halt()
                    intent.done?.complete(Unit)
                }
            }
        }
    }

    /** Cancels the pipeline and waits until its streams are closed. */
    private suspend fun halt() {
        val job = pipeline ?: return
        if (job.isActive) {
            runState.value = RunState.Stopping
            job.cancelAndJoin()
            runState.value = RunState.Stopped
        }
    }

    private fun launchPipeline() {
        val input = inputState.value ?: run {
            noticeState.value = "no input device to start from"
            return
        }
        val output = outputState.value
        val inMonitor = StreamMonitor()
        val outMonitor = if (output != null && !output.sameDevice(input)) StreamMonitor() else null
        monitors.value = inMonitor to outMonitor
        noticeState.value = null
        runState.value = RunState.Starting
        pipeline = scope.launch {
            try {
                runPipeline(input, output, inMonitor, outMonitor)
                runState.value = RunState.Stopped
            } catch (e: AudioException) {
                fail(e.message)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                fail(e.message ?: e.javaClass.simpleName)
            }
        }
    }

    /** Publishes the notice before the state, so whoever sees [RunState.Failed] also sees its [notice]. */
    private fun fail(message: String) {
        noticeState.value = message
        runState.value = RunState.Failed(message)
    }

    private suspend fun runPipeline(input: AudioDevice, output: AudioDevice?, inMonitor: StreamMonitor, outMonitor: StreamMonitor?) {
        val channels = defaultChannels(input.maxInputChannels)
        val outChannels = output?.let { defaultChannels(channels, it.maxOutputChannels) } ?: channels
        val rate = options.sampleRate ?: input.defaultSampleRate
        val format = AudioFormat(rate, channels)
        val hold = PeakHold()
        // Output narrower than the input (a mono device) gets the mix; it is never wider.
        fun Flow<FloatBlock>.fitted(): Flow<FloatBlock> = if (outChannels < channels) toMono() else this
        fun Flow<FloatBlock>.observed(): Flow<FloatBlock> = gain(gain)
            .meter((rate / METER_READINGS_PER_SECOND).coerceAtLeast(1)) { meterState.value = hold.update(it, format.nanosOf(it.frameIndex)) }
            .oscilloscope(scopeState, tracesPerSecond = SCOPE_TRACES_PER_SECOND)
            .onEach { runState.compareAndSet(RunState.Starting, RunState.Running) }
        val config = StreamConfig(format, options.blockSize, options.latency)
        when {
            output == null -> input.input(config, inMonitor).observed().collect()
            output.sameDevice(input) -> input.duplex(config.copy(outputChannels = outChannels), output, inMonitor) { it.observed().fitted() }
            else -> {
                val outRate = if (options.sampleRate != null) rate else output.defaultSampleRate
                val played = input.input(config, inMonitor).observed().fitted().let { if (outRate != rate) it.resample(outRate) else it }
                played.playOn(output, StreamConfig(AudioFormat(outRate, outChannels), options.blockSize, options.latency), outMonitor)
            }
        }
    }

    private fun defaultOrFirst(devices: List<AudioDevice>, default: () -> AudioDevice): AudioDevice? =
        runCatching(default).getOrNull()?.let { d -> devices.firstOrNull { it.sameDevice(d) } } ?: devices.firstOrNull()


    companion object {
        /** Highest gain the model accepts (+12 dB). */
        const val MAX_GAIN: Float = 4f

        /** Meter windows per second. */
        const val METER_READINGS_PER_SECOND: Int = 30

        /** Oscilloscope traces per second. */
        const val SCOPE_TRACES_PER_SECOND: Int = 30
    }
}

/** True when both are the same device of the same backend (or both are null: no device). */
internal fun AudioDevice?.sameDevice(other: AudioDevice?): Boolean =
    if (this == null || other == null) this == other else backend == other.backend && id == other.id && name == other.name
