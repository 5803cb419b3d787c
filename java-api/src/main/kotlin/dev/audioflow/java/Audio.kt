package dev.audioflow.java

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.findDevice
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.future.future
import kotlinx.coroutines.jdk9.asFlow
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Flow.Publisher

/**
 * The Java entry point of audioflow: devices, one-shot play and record, and streams, all
 * without coroutines.
 *
 * Blocking methods may be interrupted (the stream is then closed and [InterruptedException]
 * thrown); `*Async` methods return a [CompletableFuture] whose `cancel` stops the stream.
 * Every stream object is [AutoCloseable]. Errors are [AudioException]s, unchecked, with a
 * [dev.audioflow.AudioErrorKind] and a message naming the bad value.
 *
 * ```java
 * AudioDevice out = Audio.defaultBackend().defaultOutputDevice();
 * float[] tone = new float[48_000 * 2];
 * for (int i = 0; i < 48_000; i++) tone[2 * i] = tone[2 * i + 1] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
 * Audio.play(out, tone, AudioFormat.STEREO_48K);
 * float[] recorded = Audio.record(Audio.defaultBackend().defaultInputDevice(), 48_000, AudioFormat.STEREO_48K);
 * ```
 */
public object Audio {
    /** Blocks queued between a stream and the Java side when the caller does not say: 16. */
    public const val DEFAULT_QUEUE_BLOCKS: Int = 16

    private val asyncScope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    /** Every registered backend (PortAudio, JACK, virtual...), available or not, highest priority first. */
    @JvmStatic
    public fun backends(): List<AudioBackend> = AudioBackends.all()

    /**
     * The backend called [name] (`portaudio`, `jack`, `virtual`).
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an unknown name.
     */
    @JvmStatic
    public fun backend(name: String): AudioBackend = AudioBackends.get(name)

    /** The backend used when the caller has no preference; see [AudioBackends.default]. */
    @JvmStatic
    public fun defaultBackend(): AudioBackend = AudioBackends.default()

    /**
     * The devices of [backend] (the default backend when omitted).
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.BackendUnavailable] when it is not available.
     */
    @JvmStatic
    @JvmOverloads
    public fun devices(backend: AudioBackend = defaultBackend()): List<AudioDevice> = backend.devices()

    /**
     * The device of [backend] whose id is [query], or whose name contains it (case-insensitive).
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.DeviceNotFound] when none matches,
     *   [dev.audioflow.AudioErrorKind.InvalidArgument] when several names match.
     */
    @JvmStatic
    public fun device(backend: AudioBackend, query: String): AudioDevice = backend.findDevice(query)

    /**
     * Plays interleaved [samples] of [format] on [device] and blocks until they have been played.
     *
     * @param blockFrames frames per device callback.
     * @throws AudioException for a bad argument or a device failure.
     * @throws InterruptedException if interrupted; playback stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    public fun play(device: AudioDevice, samples: FloatArray, format: AudioFormat, blockFrames: Int = StreamConfig.DEFAULT_BLOCK_FRAMES) {
        val blocks = samples.toBlocks(format, blockFrames)
        runBlocking { blocks.playOn(device, StreamConfig(format, blockFrames)) }
    }

    /**
     * [play] in the background: the future completes when the samples have been played, or
     * exceptionally with the failure; cancelling it stops playback.
     */
    @JvmStatic
    @JvmOverloads
    public fun playAsync(
        device: AudioDevice,
        samples: FloatArray,
        format: AudioFormat,
        blockFrames: Int = StreamConfig.DEFAULT_BLOCK_FRAMES,
    ): CompletableFuture<Void?> {
        val blocks = samples.toBlocks(format, blockFrames)
        return asyncScope.future {
            blocks.playOn(device, StreamConfig(format, blockFrames))
            null
        }
    }

    /**
     * Records [frames] frames of [format] from [device], blocking until done.
     *
     * @return interleaved samples, `frames * channels` long (shorter only if the device's input
     *   ended first).
     * @throws AudioException for a bad argument or a device failure.
     * @throws InterruptedException if interrupted; recording stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    public fun record(device: AudioDevice, frames: Int, format: AudioFormat, blockFrames: Int = StreamConfig.DEFAULT_BLOCK_FRAMES): FloatArray {
        AudioException.require(frames >= 0) { "frames must be >= 0, was $frames" }
        return runBlocking { recordFrames(device, frames, StreamConfig(format, blockFrames)) }
    }

    /** [record] in the background: the future holds the samples; cancelling it stops recording. */
    @JvmStatic
    @JvmOverloads
    public fun recordAsync(
        device: AudioDevice,
        frames: Int,
        format: AudioFormat,
        blockFrames: Int = StreamConfig.DEFAULT_BLOCK_FRAMES,
    ): CompletableFuture<FloatArray> {
        AudioException.require(frames >= 0) { "frames must be >= 0, was $frames" }
        return asyncScope.future { recordFrames(device, frames, StreamConfig(format, blockFrames)) }
    }

    /**
     * Opens and starts an input stream on [device] to pull blocks from with [AudioInput.read].
     *
     * @param queueBlocks blocks held for a reader that falls behind, before the device ring
     *   starts to fill.
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for `queueBlocks < 1`;
     *   device problems surface from the first [AudioInput.read].
     */
    @JvmStatic
    @JvmOverloads
    public fun openInput(device: AudioDevice, config: StreamConfig, queueBlocks: Int = DEFAULT_QUEUE_BLOCKS): AudioInput {
        AudioException.require(queueBlocks >= 1) { "queueBlocks must be >= 1, was $queueBlocks" }
        return AudioInput({ monitor -> device.input(config, monitor) }, config.format, queueBlocks)
    }

    /**
     * Opens and starts an input stream on [device] that hands each block to [callback] on a
     * dedicated non-realtime thread; see [BlockCallback] for the contract.
     */
    @JvmStatic
    public fun openInput(device: AudioDevice, config: StreamConfig, callback: BlockCallback): CallbackInput =
        CallbackInput({ monitor -> device.input(config, monitor) }, callback)

    /**
     * Opens an output stream on [device] to push blocks into with [AudioOutput.write]; the
     * device starts once a few blocks are queued.
     *
     * @param queueBlocks blocks [AudioOutput.write] may queue before it blocks.
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for `queueBlocks < 1`;
     *   device problems surface from [AudioOutput.write] or [AudioOutput.close].
     */
    @JvmStatic
    @JvmOverloads
    public fun openOutput(device: AudioDevice, config: StreamConfig, queueBlocks: Int = DEFAULT_QUEUE_BLOCKS): AudioOutput {
        AudioException.require(queueBlocks >= 1) { "queueBlocks must be >= 1, was $queueBlocks" }
        return AudioOutput(config.format, queueBlocks) { monitor -> playOn(device, config, monitor) }
    }

    /**
     * The input of [device] as a reactive-streams [Publisher]: each subscription opens its own
     * stream, which runs while the subscriber requests blocks and closes when it cancels.
     * Demand is honoured by buffering; a subscriber that requests too slowly gets blocks
     * flagged with input overflow.
     */
    @JvmStatic
    public fun publisher(device: AudioDevice, config: StreamConfig): Publisher<FloatBlock> = device.input(config).asPublisher()

    /**
     * Plays the blocks of [publisher] on [device] until it completes, blocking; cancels the
     * subscription if interrupted.
     *
     * @throws AudioException for blocks that do not match [config], or a device failure; the
     *   publisher's own error otherwise.
     */
    @JvmStatic
    public fun play(device: AudioDevice, publisher: Publisher<FloatBlock>, config: StreamConfig) {
        runBlocking { publisher.asFlow().playOn(device, config) }
    }
}

/** Splits interleaved samples into blocks of [blockFrames] frames with consecutive frame indices. */
internal fun FloatArray.toBlocks(format: AudioFormat, blockFrames: Int): Flow<FloatBlock> {
    val samples = this
    val channels = format.channels
    AudioException.require(samples.size % channels == 0) { "samples.length ${samples.size} is not a multiple of $channels channels" }
    AudioException.require(blockFrames > 0) { "blockFrames must be > 0, was $blockFrames" }
    return flow {
        val total = samples.size / channels
        var frame = 0
        while (frame < total) {
            val n = minOf(blockFrames, total - frame)
            emit(FloatBlock(format, samples.copyOfRange(frame * channels, (frame + n) * channels), frame.toLong()))
            frame += n
        }
    }
}

/** Collects [frames] frames from [device] into one interleaved array. */
private suspend fun recordFrames(device: AudioDevice, frames: Int, config: StreamConfig): FloatArray {
    val channels = config.format.channels
    val out = FloatArray(Math.multiplyExact(frames, channels))
    if (frames == 0) return out
    var filled = 0
    device.input(config).transformWhile<FloatBlock, Unit> { block ->
        val n = minOf(block.frames, frames - filled)
        System.arraycopy(block.samples, 0, out, filled * channels, n * channels)
        filled += n
        filled < frames
    }.collect()
    return if (filled == frames) out else out.copyOf(filled * channels)
}
