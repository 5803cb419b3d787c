package dev.audioflow.java

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.findDevice
import dev.audioflow.flow.asAudioFlow
import dev.audioflow.flow.play as playSamples
import dev.audioflow.flow.playRecord as playRecordSamples
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
 * The one-shot methods (`play`, `record`, `playRecord`, `playWav` and their `*Async` forms) take
 * their arguments in the order of the Kotlin conveniences (`dev.audioflow.flow.play`, after
 * python-sounddevice): what to play or how much to record, its format, then the device, last
 * and optional (the default backend's default device when omitted). Methods that open a stream
 * for the caller to drive (`openInput`, `openOutput`, `publisher`) take the device first, as
 * Kotlin's `device.input(config)` does.
 *
 * ```java
 * float[] tone = Audio.sine(440.0, 48_000, AudioFormat.STEREO_48K);
 * Audio.play(tone, AudioFormat.STEREO_48K);                                  // default output device
 * float[] recorded = Audio.record(48_000, AudioFormat.STEREO_48K, Audio.device(Audio.defaultBackend(), "USB"));
 * ```
 */
public object Audio {
    /** Blocks queued between a stream and the Java side when the caller does not say: 16. */
    public const val DEFAULT_QUEUE_BLOCKS: Int = 16

    private const val PLAY = "play"
    private const val RECORD = "record"
    private const val FILE = "file"

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
     * Plays interleaved [samples] of [format] on [device] (the default output device when
     * omitted) and blocks until they have been played.
     *
     * ```java
     * Audio.play(tone, AudioFormat.STEREO_48K, Audio.device(Audio.defaultBackend(), "USB"));
     * ```
     *
     * @param blockFrames frames per device callback.
     * @throws AudioException for a bad argument or a device failure.
     * @throws InterruptedException if interrupted; playback stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun play(
        samples: FloatArray,
        format: AudioFormat,
        device: AudioDevice = defaultBackend().defaultOutputDevice(),
        blockFrames: Int = BlockSize.DEFAULT_FRAMES,
    ) {
        checkSamples(samples, format)
        StreamFuture.run(PLAY) { playSamples(samples, format, device, blockFrames) }
    }

    /**
     * [play] in the background: the future completes when the samples have been played, or
     * exceptionally with the failure; cancelling it stops playback.
     *
     * ```java
     * CompletableFuture<Void> done = Audio.playAsync(tone, AudioFormat.STEREO_48K);
     * ```
     *
     * @throws AudioException at call time for a sample count that is not a multiple of the
     *   channel count; the future fails with the device's errors.
     */
    @JvmStatic
    @JvmOverloads
    public fun playAsync(
        samples: FloatArray,
        format: AudioFormat,
        device: AudioDevice = defaultBackend().defaultOutputDevice(),
        blockFrames: Int = BlockSize.DEFAULT_FRAMES,
    ): CompletableFuture<Void?> {
        checkSamples(samples, format)
        return asyncScope.future {
            playSamples(samples, format, device, blockFrames)
            null
        }
    }

    /**
     * Records [frames] frames of [format] from [device] (the default input device when omitted),
     * blocking until done.
     *
     * ```java
     * float[] take = Audio.record(48_000, AudioFormat.STEREO_48K);
     * ```
     *
     * @return interleaved samples, `frames * channels` long (shorter only if the device's input
     *   ended first).
     * @throws AudioException for a bad argument or a device failure.
     * @throws InterruptedException if interrupted; recording stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun record(
        frames: Int,
        format: AudioFormat,
        device: AudioDevice = defaultBackend().defaultInputDevice(),
        blockFrames: Int = BlockSize.DEFAULT_FRAMES,
    ): FloatArray {
        AudioException.require(frames >= 0) { "frames must be >= 0, was $frames" }
        return StreamFuture.run(RECORD) { recordSamples(frames.toLong(), format, device, blockFrames) }
    }

    /**
     * [record] in the background: the future holds the samples; cancelling it stops recording.
     *
     * ```java
     * float[] take = Audio.recordAsync(48_000, AudioFormat.STEREO_48K).get(5, TimeUnit.SECONDS);
     * ```
     *
     * @throws AudioException at call time for a negative [frames]; the future fails with the
     *   device's errors.
     */
    @JvmStatic
    @JvmOverloads
    public fun recordAsync(
        frames: Int,
        format: AudioFormat,
        device: AudioDevice = defaultBackend().defaultInputDevice(),
        blockFrames: Int = BlockSize.DEFAULT_FRAMES,
    ): CompletableFuture<FloatArray> {
        AudioException.require(frames >= 0) { "frames must be >= 0, was $frames" }
        return asyncScope.future { recordSamples(frames.toLong(), format, device, blockFrames) }
    }

    /**
     * Plays interleaved [samples] of [format] on [device] while recording [inputChannels]
     * channels from it in one duplex stream, blocking until done, and returns as many recorded
     * frames as were played, aligned (see `dev.audioflow.flow.playRecord`). [device] is the
     * default backend's default input device when omitted.
     *
     * ```java
     * float[] response = Audio.playRecord(sweep, new AudioFormat(48_000, 1), 1);
     * ```
     *
     * @return interleaved samples, `frames * inputChannels` long.
     * @throws AudioException for a sample count that is not a multiple of the channel count, an
     *   [inputChannels] out of range, a device without those channels, or a device failure.
     * @throws InterruptedException if interrupted; the stream stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun playRecord(
        samples: FloatArray,
        format: AudioFormat,
        inputChannels: Int,
        device: AudioDevice = defaultBackend().defaultInputDevice(),
        blockFrames: Int = BlockSize.DEFAULT_FRAMES,
    ): FloatArray = StreamFuture.run(PLAY) { playRecordSamples(samples, format, inputChannels, device, blockFrames) }

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
     * Opens and starts an output stream on [device] that asks [source] for each block to play,
     * on the stream's own non-realtime thread, until [source] returns fewer frames than asked
     * (the stream then plays them out and ends) or the stream is closed; see [FrameSource].
     *
     * ```java
     * CallbackStream out = Audio.openOutput(speaker, config, (buffer, frames) -> synth.render(buffer, frames));
     * ```
     *
     * @throws AudioException for a bad [config]; device problems end the stream (see [AudioStream.completion]).
     */
    @JvmStatic
    public fun openOutput(device: AudioDevice, config: StreamConfig, source: FrameSource): CallbackStream {
        val audio = pulled(config.format, config.nominalBlockFrames, source)
        return CallbackStream("output-callback") { monitor -> audio.playOn(device, config, monitor) }
    }

    /**
     * Opens and starts a duplex stream on [device] (input and output, one clock) that hands
     * each captured block to [processor] with the array to fill for the output; see [Duplex]
     * for the blocking and future forms and a different output device.
     *
     * ```java
     * CallbackStream loop = Audio.openDuplex(device, config, (in, out) -> System.arraycopy(in.getSamples(), 0, out, 0, out.length));
     * ```
     */
    @JvmStatic
    public fun openDuplex(device: AudioDevice, config: StreamConfig, processor: DuplexProcessor): CallbackStream =
        Duplex.on(device, config).open(processor)

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
     * @throws InterruptedException if interrupted; the file is closed.
     */
    @JvmStatic
    @Throws(InterruptedException::class)
    public fun readWav(path: Path): AudioClip = StreamFuture.run(FILE) { AudioClip(wavInfo(path).format, wavFile(path).toSamples()) }

    /**
     * Writes interleaved [samples] of [format] to a WAV file at [path], stored as [sampleFormat].
     *
     * @return the number of frames written.
     * @throws AudioException for a sample count that is not a multiple of the channel count,
     *   [SampleFormat.INT8] (use UINT8), or an I/O failure.
     * @throws InterruptedException if interrupted; the file is closed with what was written so far.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun writeWav(path: Path, samples: FloatArray, format: AudioFormat, sampleFormat: SampleFormat = SampleFormat.INT16): Long {
        checkSamples(samples, format)
        return StreamFuture.run(FILE) { samples.asAudioFlow(format).writeWav(path, sampleFormat, format) }
    }

    /** Writes [clip] to a WAV file at [path]; see the array overload. */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun writeWav(path: Path, clip: AudioClip, sampleFormat: SampleFormat = SampleFormat.INT16): Long =
        writeWav(path, clip.samples, clip.format, sampleFormat)

    /**
     * Plays the WAV file at [path] on [device] (the default output device when omitted),
     * blocking until it has been played.
     *
     * ```java
     * Audio.playWav(Path.of("take.wav"));
     * ```
     *
     * @throws AudioException for an unreadable or unsupported file, or a device failure.
     * @throws InterruptedException if interrupted; playback stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun playWav(path: Path, device: AudioDevice = defaultBackend().defaultOutputDevice()) {
        StreamFuture.run(PLAY) { wavFile(path).playOn(device) }
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
        return computeUninterruptibly { sine(frequency, format, amplitude).takeFrames(frames.toLong()).toSamples() }
    }

    /**
     * Plays the blocks of [publisher] on [device] (the default output device when omitted) with
     * [config] until it completes, blocking; cancels the subscription if interrupted.
     *
     * ```java
     * Audio.play(Audio.publisher(mic, config), config, speaker);
     * ```
     *
     * @throws AudioException for blocks that do not match [config], or a device failure; the
     *   publisher's own error otherwise (wrapped in [CallbackException] when it is checked).
     * @throws InterruptedException if interrupted; playback stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun play(publisher: Publisher<FloatBlock>, config: StreamConfig, device: AudioDevice = defaultBackend().defaultOutputDevice()) {
        StreamFuture.run(PLAY) { publisher.asFlow().playOn(device, config) }
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
internal fun StreamConfig.ownedBlocks(): StreamConfig = if (recycleBlocks) copy(recycleBlocks = false) else this
