package dev.audioflow.java

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.findDevice
import dev.audioflow.flow.asAudioFlow
import dev.audioflow.flow.play as playSamples
import dev.audioflow.flow.record as recordSamples
import dev.audioflow.flow.sine
import dev.audioflow.flow.takeFrames
import dev.audioflow.flow.toSamples
import dev.audioflow.flow.wavInfo
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.writeWav
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import kotlinx.coroutines.jdk9.asFlow
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
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
        checkSamples(samples, format)
        runBlocking { playSamples(samples, format, device, blockFrames) }
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
        checkSamples(samples, format)
        return asyncScope.future {
            playSamples(samples, format, device, blockFrames)
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
        return runBlocking { recordSamples(frames.toLong(), format, device, blockFrames) }
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
        return asyncScope.future { recordSamples(frames.toLong(), format, device, blockFrames) }
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
        return AudioInput({ monitor -> device.input(config.ownedBlocks(), monitor) }, config.format, queueBlocks)
    }

    /**
     * Opens and starts an input stream on [device] that hands each block to [callback] on a
     * dedicated non-realtime thread; see [BlockCallback] for the contract.
     */
    @JvmStatic
    public fun openInput(device: AudioDevice, config: StreamConfig, callback: BlockCallback): CallbackInput =
        CallbackInput({ monitor -> device.input(config.ownedBlocks(), monitor) }, callback)

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
    public fun publisher(device: AudioDevice, config: StreamConfig): Publisher<FloatBlock> = device.input(config.ownedBlocks()).asPublisher()

    /**
     * Reads the whole WAV file at [path] (PCM 8/16/24/32-bit or float 32/64-bit) into memory.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] or
     *   [dev.audioflow.AudioErrorKind.UnsupportedFormat] naming the file and the problem.
     */
    @JvmStatic
    public fun readWav(path: Path): AudioClip = runBlocking { AudioClip(wavInfo(path).format, wavFile(path).toSamples()) }

    /**
     * Writes interleaved [samples] of [format] to a WAV file at [path], stored as [sampleFormat].
     *
     * @return the number of frames written.
     * @throws AudioException for a sample count that is not a multiple of the channel count,
     *   [SampleFormat.INT8] (use UINT8), or an I/O failure.
     */
    @JvmStatic
    @JvmOverloads
    public fun writeWav(path: Path, samples: FloatArray, format: AudioFormat, sampleFormat: SampleFormat = SampleFormat.INT16): Long {
        checkSamples(samples, format)
        return runBlocking { samples.asAudioFlow(format).writeWav(path, sampleFormat, format) }
    }

    /** Writes [clip] to a WAV file at [path]; see the array overload. */
    @JvmStatic
    @JvmOverloads
    public fun writeWav(path: Path, clip: AudioClip, sampleFormat: SampleFormat = SampleFormat.INT16): Long =
        writeWav(path, clip.samples, clip.format, sampleFormat)

    /** Plays the WAV file at [path] on [device], blocking until it has been played. */
    @JvmStatic
    public fun playWav(device: AudioDevice, path: Path) {
        runBlocking { wavFile(path).playOn(device) }
    }

    /**
     * A sine of [frequency] Hz and peak [amplitude], [frames] frames long, on every channel of
     * [format], as interleaved samples ready for [play].
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a frequency above
     *   half the sample rate, a negative amplitude, or a frame count that is negative or too
     *   large for one array.
     */
    @JvmStatic
    @JvmOverloads
    public fun sine(frequency: Double, frames: Int, format: AudioFormat, amplitude: Float = 0.25f): FloatArray {
        AudioException.require(frames >= 0 && frames.toLong() * format.channels <= Int.MAX_VALUE - 8L) {
            "frames must be in 0..${(Int.MAX_VALUE - 8L) / format.channels} for $format, was $frames"
        }
        return runBlocking { sine(frequency, format, amplitude).takeFrames(frames.toLong()).toSamples() }
    }

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

/** Checks at call time what the play conveniences would only check once running. */
private fun checkSamples(samples: FloatArray, format: AudioFormat) {
    AudioException.require(samples.size % format.channels == 0) {
        "samples.length ${samples.size} is not a multiple of ${format.channels} channels"
    }
}

/**
 * The facade queues blocks and hands them to code that may keep them, so it never uses
 * [StreamConfig.recycleBlocks]: recycled blocks share one array.
 */
@OptIn(dev.audioflow.DelicateAudioApi::class)
private fun StreamConfig.ownedBlocks(): StreamConfig = if (recycleBlocks) copy(recycleBlocks = false) else this
