package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.flow.DEFAULT_FILE_BLOCK
import dev.audioflow.flow.DEFAULT_TEE_CAPACITY
import dev.audioflow.flow.ChannelMap
import dev.audioflow.flow.Levels
import dev.audioflow.flow.MixInput
import dev.audioflow.flow.StatusEvent
import dev.audioflow.flow.asAudioFlow
import dev.audioflow.flow.clip
import dev.audioflow.flow.copyBlocks
import dev.audioflow.flow.dcBlock
import dev.audioflow.flow.failOnOverflow
import dev.audioflow.flow.failWhenSilent
import dev.audioflow.flow.fadeIn
import dev.audioflow.flow.fadeOut
import dev.audioflow.flow.gain
import dev.audioflow.flow.impulse
import dev.audioflow.flow.interleave
import dev.audioflow.flow.mapChannels
import dev.audioflow.flow.mapSamples
import dev.audioflow.flow.meter
import dev.audioflow.flow.mix
import dev.audioflow.flow.onStatus
import dev.audioflow.flow.pan
import dev.audioflow.flow.pinkNoise as pinkNoiseFlow
import dev.audioflow.flow.reblock
import dev.audioflow.flow.resample
import dev.audioflow.flow.saw as sawFlow
import dev.audioflow.flow.selectChannels
import dev.audioflow.flow.silence as silenceFlow
import dev.audioflow.flow.sine as sineFlow
import dev.audioflow.flow.skipBlocks
import dev.audioflow.flow.skipDuration
import dev.audioflow.flow.skipFrames
import dev.audioflow.flow.splitChannels
import dev.audioflow.flow.square as squareFlow
import dev.audioflow.flow.statusEvents
import dev.audioflow.flow.sweep
import dev.audioflow.flow.takeBlocks
import dev.audioflow.flow.takeDuration
import dev.audioflow.flow.takeFrames
import dev.audioflow.flow.tee
import dev.audioflow.flow.toMono
import dev.audioflow.flow.toSamples
import dev.audioflow.flow.toStereo
import dev.audioflow.flow.upmix
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.whiteNoise
import dev.audioflow.flow.writeWav
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.jdk9.asFlow
import kotlinx.coroutines.jdk9.asPublisher
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.Flow.Publisher
import java.util.function.Consumer
import kotlin.time.toKotlinDuration
import java.time.Duration as JavaDuration

/**
 * An audio pipeline for Java: a cold stream of [FloatBlock]s (a Kotlin `Flow<FloatBlock>`
 * underneath) built from a source, operators and one terminal, without coroutines.
 *
 * A `Signal` is a recipe: building it opens nothing. A terminal ([play], [writeWav],
 * [toSamples], their `*Async` forms, [toPublisher]) runs it; every run opens its own devices
 * and files and closes them when it ends, fails or is cancelled. Operators return a new
 * `Signal` and leave this one unchanged, so a signal may be run several times.
 *
 * **Thread.** A terminal runs the whole pipeline on one new non-realtime thread named
 * `audioflow-java-signal-N`; every Java callback of the pipeline ([map], [onBlock],
 * [onStatus], [meter], [Sinks.consumer], a [FrameSource]) runs there, one block at a time and
 * in stream order, never on a device's realtime thread. A callback that is slower than the
 * audio makes the device drop (input) or repeat silence (output), reported in the blocks'
 * status and the stream's stats.
 *
 * **Blocking.** [play], [writeWav] and [toSamples] block until the pipeline ends; interrupted,
 * they stop it, wait until its devices are closed and throw [InterruptedException]. `*Async`
 * forms return a [CompletableFuture] whose `cancel(true)` does the same.
 *
 * **Errors.** Bad arguments throw [AudioException] at once, naming the bad value; device and
 * file failures end the run with an [AudioException]. An exception thrown by a Java callback
 * ends the run too and is rethrown by blocking terminals (wrapped in [CallbackException] when
 * it is checked); futures fail with it as it is.
 *
 * ```java
 * AudioFormat mono = new AudioFormat(48_000, 1);
 * Signal.mix(Signal.sine(220.0, mono).gain(0.3f), Signal.sine(330.0, mono).gain(0.2f))
 *       .fadeIn(Duration.ofMillis(500))
 *       .pan(-0.3f)
 *       .meter(9_600, levels -> System.out.printf("L %.1f dBFS%n", levels.peakDbfs(0)))
 *       .limit(Duration.ofSeconds(3))
 *       .tee(Sinks.wav(Path.of("out.wav"), SampleFormat.INT16))
 *       .play(Audio.defaultBackend().defaultOutputDevice());
 * ```
 */
public class Signal private constructor(private val flow: Flow<FloatBlock>) {
    private fun then(operator: Flow<FloatBlock>.() -> Flow<FloatBlock>): Signal = Signal(flow.operator())

    /** The Kotlin `Flow<FloatBlock>` this signal stands for, for code that mixes both APIs. */
    public fun asFlow(): Flow<FloatBlock> = flow

    /** Multiplies every sample by [factor]. */
    public fun gain(factor: Float): Signal = then { gain(factor) }

    /**
     * Follows the gain values [factors] publishes, starting at [initial], each change ramped
     * over [ramp] (20 ms when omitted) so it does not click.
     */
    @JvmOverloads
    public fun gain(factors: Publisher<Float>, initial: Float, ramp: JavaDuration = JavaDuration.ofMillis(20)): Signal =
        then { gain(factors.asFlow(), initial, ramp.toKotlin("ramp")) }

    /** Fades in from silence over [duration]. */
    public fun fadeIn(duration: JavaDuration): Signal = then { fadeIn(duration.toKotlin("fadeIn duration")) }

    /** Fades out to silence over the last [duration] of the signal (which must end). */
    public fun fadeOut(duration: JavaDuration): Signal = then { fadeOut(duration.toKotlin("fadeOut duration")) }

    /** Places a mono signal in a stereo field: -1 left, 0 centre, 1 right (constant power). */
    public fun pan(position: Float): Signal = then { pan(position) }

    /** Limits samples to ±[limit] (1 when omitted). */
    @JvmOverloads
    public fun clip(limit: Float = 1f): Signal = then { clip(limit) }

    /** Removes DC offset with a one-pole high-pass at [cutoffHz] (5 Hz when omitted). */
    @JvmOverloads
    public fun dcBlock(cutoffHz: Double = 5.0): Signal = then { dcBlock(cutoffHz) }

    /** Applies [function] to every sample. */
    public fun mapSamples(function: SampleFunction): Signal = then { mapSamples { function.apply(it) } }

    /**
     * Replaces every block by what [function] returns for it; see [BlockFunction].
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] (ending the run) when it returns null.
     */
    public fun map(function: BlockFunction): Signal = then {
        map { block ->
            @Suppress("SENSELESS_COMPARISON") // Java may return null.
            function.apply(block).also { AudioException.require(it != null) { "map function returned null for block ${block.frameIndex}" } }
        }
    }

    /** Runs [action] for every block, then passes the block on. */
    public fun onBlock(action: BlockAction): Signal = then { onEach { action.accept(it) } }

    /** Runs [action] for every block whose status is not clear (a glitch), then passes it on. */
    public fun onStatus(action: BlockAction): Signal = then { onStatus { action.accept(it) } }

    /** Fails the run with an [AudioException] at the first block that reports an input overflow. */
    public fun failOnOverflow(): Signal = then { failOnOverflow() }

    /**
     * Fails the run with an [AudioException] of kind `StreamInvalidated` once every channel has
     * stayed at or below [threshold] (0 when omitted: exact digital silence) for [after], or no
     * block arrived for [after] plus one block: a watchdog for sources that fail by going quiet
     * (a netjack2 link cut, an unplugged interface delivering zeros). Every block before that
     * point is passed on.
     */
    @JvmOverloads
    public fun failWhenSilent(after: JavaDuration, threshold: Float = 0f): Signal =
        then { failWhenSilent(after.toKotlin("failWhenSilent duration"), threshold) }

    /** Rearranges channels: output channel `i` takes what [channelMap] says. */
    public fun mapChannels(channelMap: ChannelMap): Signal = then { mapChannels(channelMap) }

    /** Keeps the given input [channels], in that order. */
    public fun selectChannels(vararg channels: Int): Signal = then { selectChannels(*channels) }

    /** Averages all channels into one. */
    public fun toMono(): Signal = then { toMono() }

    /** Copies a mono signal to two channels (leaves stereo unchanged). */
    public fun toStereo(): Signal = then { toStereo() }

    /** Copies a mono signal to [channels] channels. */
    public fun upmix(channels: Int): Signal = then { upmix(channels) }

    /** Mixes [other] into this signal (sum of samples; same format). */
    public fun mixWith(other: Signal): Signal = then { mix(this, other.flow) }

    /** Mixes [other], scaled by [gain], into this signal. */
    public fun mixWith(other: Signal, gain: Float): Signal = then { mix(MixInput(this), MixInput(other.flow, gain)) }

    /** Cuts the audio into blocks of exactly [frames] frames (the last one may be shorter). */
    public fun reblock(frames: Int): Signal = then { reblock(frames) }

    /** Converts to [targetRate] Hz (band-limited polyphase). */
    public fun resample(targetRate: Int): Signal = then { resample(targetRate) }

    /** Ends the signal after [duration] of audio (the last block is cut to fit). */
    public fun limit(duration: JavaDuration): Signal = then { takeDuration(duration.toKotlin("limit duration")) }

    /** Ends the signal after [frames] frames. */
    public fun limitFrames(frames: Long): Signal = then { takeFrames(frames) }

    /** Ends the signal after [count] blocks. */
    public fun limitBlocks(count: Int): Signal = then { takeBlocks(count) }

    /** Drops the first [duration] of audio. */
    public fun skip(duration: JavaDuration): Signal = then { skipDuration(duration.toKotlin("skip duration")) }

    /** Drops the first [frames] frames. */
    public fun skipFrames(frames: Long): Signal = then { skipFrames(frames) }

    /** Drops the first [count] blocks. */
    public fun skipBlocks(count: Int): Signal = then { skipBlocks(count) }

    /** Copies every block (for a source opened with recycled blocks that is shared or kept). */
    public fun copyBlocks(): Signal = then { copyBlocks() }

    /**
     * Measures peak and RMS per channel over windows of [windowFrames] frames and hands each
     * window to [listener] on the pipeline's thread; the audio passes untouched.
     */
    public fun meter(windowFrames: Int, listener: Consumer<Levels>): Signal = then { meter(windowFrames) { listener.accept(it) } }

    /** Like the listener form, but [listener] runs on [executor], so it never holds up the audio. */
    public fun meter(windowFrames: Int, executor: Executor, listener: Consumer<Levels>): Signal =
        then { meter(windowFrames) { levels -> executor.execute { listener.accept(levels) } } }

    /** Publishes each window's levels into [feed], for listeners and publishers that watch it. */
    public fun meter(windowFrames: Int, feed: Feed<Levels>): Signal = then { meter(windowFrames) { feed.publish(it) } }

    /** Publishes each glitch (a block with a status that is not clear) into [feed]. */
    public fun statusEvents(feed: Feed<StatusEvent>): Signal = then { onStatus { block -> feed.publish(block.statusEvent()) } }

    /**
     * Sends the same blocks to [sink] as well, which may lag up to [capacity] blocks (16 when
     * omitted) before this signal waits for it; a failing sink fails the run.
     */
    @JvmOverloads
    public fun tee(sink: Sink, capacity: Int = DEFAULT_TEE_CAPACITY): Signal = then { tee(capacity) { sink.consume(it) } }

    /** One mono signal per channel of this signal, which has [channels] channels; see `splitChannels`. */
    public fun splitChannels(channels: Int): List<Signal> = flow.splitChannels(channels).map(::Signal)

    /**
     * Plays the signal on [device] with [config] (null or omitted: the first block's format and
     * the default block size), blocking until every frame has been played; [watch] gets the
     * stream's stats and info.
     */
    @Throws(InterruptedException::class)
    @JvmOverloads
    public fun play(device: AudioDevice, config: StreamConfig? = null, watch: StreamWatch? = null) {
        StreamFuture.run(KIND) { flow.playOn(device, config, watch?.monitor) }
    }

    /** [play] in the background; `cancel(true)` on the future stops playback and closes the device. */
    @JvmOverloads
    public fun playAsync(device: AudioDevice, config: StreamConfig? = null, watch: StreamWatch? = null): CompletableFuture<Void?> =
        StreamFuture.start(KIND) {
            flow.playOn(device, config, watch?.monitor)
            null
        }

    /** Writes the signal to a WAV file at [path] as [sampleFormat] (16-bit when omitted), blocking; returns the frames written. */
    @Throws(InterruptedException::class)
    @JvmOverloads
    public fun writeWav(path: Path, sampleFormat: SampleFormat = SampleFormat.INT16): Long =
        StreamFuture.run(KIND) { flow.writeWav(path, sampleFormat) }

    /** [writeWav] in the background, as fast as the sources allow; the future holds the frames written. */
    @JvmOverloads
    public fun renderAsync(path: Path, sampleFormat: SampleFormat = SampleFormat.INT16): CompletableFuture<Long> =
        StreamFuture.start(KIND) { flow.writeWav(path, sampleFormat) }

    /** Collects the whole (finite) signal into interleaved samples, blocking. */
    @Throws(InterruptedException::class)
    public fun toSamples(): FloatArray = StreamFuture.run(KIND) { flow.toSamples() }

    /**
     * The signal as a reactive-streams [Publisher]: each subscription runs the pipeline anew
     * (callbacks then run on a shared `Dispatchers.Default` thread, one at a time), honouring
     * demand by suspending the pipeline; cancelling the subscription stops it.
     */
    public fun toPublisher(): Publisher<FloatBlock> = flow.asPublisher()

    override fun toString(): String = "Signal"

    /** Sources: where a signal begins. */
    public companion object {
        private const val KIND = "signal"

        /** Wraps a Kotlin `Flow<FloatBlock>`. */
        @JvmStatic
        public fun of(flow: Flow<FloatBlock>): Signal = Signal(flow)

        /** The blocks [publisher] emits, subscribed anew for every run. */
        @JvmStatic
        public fun from(publisher: Publisher<FloatBlock>): Signal = Signal(publisher.asFlow())

        /** Interleaved [samples] of [format], in blocks of [blockFrames] frames. */
        @JvmStatic
        @JvmOverloads
        public fun samples(samples: FloatArray, format: AudioFormat, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(samples.asAudioFlow(format, blockFrames))

        /** An endless sine of [frequency] Hz and peak [amplitude] (1 when omitted) on every channel. */
        @JvmStatic
        @JvmOverloads
        public fun sine(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(sineFlow(frequency, format, amplitude, blockFrames))

        /** An endless band-limited square wave. */
        @JvmStatic
        @JvmOverloads
        public fun square(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(squareFlow(frequency, format, amplitude, blockFrames))

        /** An endless band-limited sawtooth. */
        @JvmStatic
        @JvmOverloads
        public fun saw(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(sawFlow(frequency, format, amplitude, blockFrames))

        /** Endless white noise, reproducible from [seed]. */
        @JvmStatic
        @JvmOverloads
        public fun noise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(whiteNoise(format, amplitude, seed, blockFrames))

        /** Endless pink (1/f) noise, reproducible from [seed]. */
        @JvmStatic
        @JvmOverloads
        public fun pinkNoise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(pinkNoiseFlow(format, amplitude, seed, blockFrames))

        /** A sweep from [from] to [to] Hz lasting [duration], exponential unless [exponential] is false. */
        @JvmStatic
        @JvmOverloads
        public fun sweep(
            from: Double,
            to: Double,
            duration: JavaDuration,
            format: AudioFormat,
            amplitude: Float = 1f,
            exponential: Boolean = true,
            blockFrames: Int = BlockSize.DEFAULT_FRAMES,
        ): Signal = Signal(sweep(from, to, duration.toKotlin("sweep duration"), format, amplitude, exponential, blockFrames))

        /** Endless digital silence. */
        @JvmStatic
        @JvmOverloads
        public fun silence(format: AudioFormat, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal = Signal(silenceFlow(format, blockFrames))

        /** One impulse of [amplitude] at frame 0, then endless silence. */
        @JvmStatic
        @JvmOverloads
        public fun impulse(format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(impulse(format, null, amplitude, blockFrames))

        /** An impulse every [intervalFrames] frames: a click track. */
        @JvmStatic
        @JvmOverloads
        public fun clicks(format: AudioFormat, intervalFrames: Long, amplitude: Float = 1f, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(impulse(format, intervalFrames, amplitude, blockFrames))

        /** The WAV file at [path], read in blocks of [blockFrames] frames as the signal runs. */
        @JvmStatic
        @JvmOverloads
        public fun wav(path: Path, blockFrames: Int = DEFAULT_FILE_BLOCK): Signal = Signal(wavFile(path, blockFrames))

        /** The input of [device], opened when the signal runs and closed when it ends. */
        @JvmStatic
        @JvmOverloads
        public fun input(device: AudioDevice, config: StreamConfig, watch: StreamWatch? = null): Signal =
            Signal(device.input(config.ownedBlocks(), watch?.monitor))

        /** Audio that [source] produces on demand, [blockFrames] frames per call, until it returns fewer. */
        @JvmStatic
        @JvmOverloads
        public fun generate(format: AudioFormat, source: FrameSource, blockFrames: Int = BlockSize.DEFAULT_FRAMES): Signal =
            Signal(pulled(format, blockFrames, source))

        /** The sum of [signals] (same format), ending when the last one ends. */
        @JvmStatic
        public fun mix(vararg signals: Signal): Signal = Signal(mix(signals.map { it.flow }))

        /** The sum of [signals] (same format), ending when the last one ends. */
        @JvmStatic
        public fun mix(signals: List<Signal>): Signal = Signal(mix(signals.map { it.flow }))

        /** One channel per mono signal of [monoSignals], in order. */
        @JvmStatic
        public fun interleave(vararg monoSignals: Signal): Signal = Signal(interleave(*monoSignals.map { it.flow }.toTypedArray()))
    }
}

/** [this] as a Kotlin duration, rejecting negative values with a message naming [what]. */
internal fun JavaDuration.toKotlin(what: String): kotlin.time.Duration {
    AudioException.require(!isNegative) { "$what must not be negative, was $this" }
    return toKotlinDuration()
}

private fun FloatBlock.statusEvent(): StatusEvent = StatusEvent(frameIndex, timestampNanos, frames, status)
