package dev.audioflow.spi

import dev.audioflow.AudioException
import dev.audioflow.BlockStatus
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatRing
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * The one piece of realtime code every backend shares: the rings between a stream's driver
 * (native callback or virtual driver) and its coroutine side, plus the counters and per-frame
 * status records that let glitches travel with the data.
 *
 * **Realtime contract.** [process] is the only method a native callback calls. It copies
 * frames, updates preallocated counters and returns: it never allocates, locks, logs, throws or
 * resumes a coroutine. The other public methods ([reportAsync], [fail]) are for the backend's
 * non-realtime threads (JACK notification thread, shutdown handler).
 *
 * Created by the core lifecycle, one per stream; backends receive it in [StreamRequest].
 */
@DelicateAudioApi
public class RealtimeEndpoint internal constructor(
    /** Channels captured per frame, 0 without input. */
    public val inputChannels: Int,
    /** Channels played per frame, 0 without output. */
    public val outputChannels: Int,
    ringFrames: Int,
    /** Stream sample rate, for timestamps. */
    public val sampleRate: Int,
) {
    /** Device → app ring; null without input. */
    public val inputRing: FloatRing? = if (inputChannels > 0) FloatRing(ringFrames, inputChannels) else null

    /** App → device ring; null without output. */
    public val outputRing: FloatRing? = if (outputChannels > 0) FloatRing(ringFrames, outputChannels) else null

    internal val inputLog = StatusLog((ringFrames / 16).coerceIn(64, 65_536))

    // Producer-side state, touched only by the driver thread.
    private var pendingFlags = 0
    private var pendingDropped = 0L

    private val asyncFlags = AtomicInteger()
    private val asyncXruns = AtomicLong()

    /** Driver cycles so far. */
    @Volatile public var cycles: Long = 0; private set

    /** Input cycles that lost frames (ring full or a native input-overflow flag). */
    @Volatile public var inputOverflowCycles: Long = 0; private set

    /** Output cycles that played silence for missing data. */
    @Volatile public var outputUnderflowCycles: Long = 0; private set

    /** Frames of silence played for missing data. */
    @Volatile public var silencedFrames: Long = 0; private set

    /** Frames taken from the output ring by the device. */
    @Volatile public var framesRendered: Long = 0; private set

    /** Captured frames dropped because the input ring was full. */
    @Volatile public var droppedFrames: Long = 0; private set

    /** Cycles whose native flags reported an overflow, underflow or xrun. */
    @Volatile private var nativeXruns: Long = 0

    /** Xruns: those reported through [reportAsync] plus cycles whose native flags reported a glitch. */
    public val xruns: Long get() = asyncXruns.get() + nativeXruns

    /** Set by the app side once real output has been queued; underflows count only after. */
    @Volatile internal var outputArmed: Boolean = false

    /** Set by the app side when no more output will come; silence is then expected, not an underflow. */
    @Volatile internal var outputEnded: Boolean = false

    /** Set by a driver whose input source has ended (virtual file or array sources). */
    @Volatile public var inputEnded: Boolean = false

    @Volatile private var failure: AudioException? = null

    /** The fatal condition reported through [fail], if any. */
    public val failed: AudioException? get() = failure

    /**
     * Realtime: one driver cycle of [frames] frames.
     *
     * Captured frames in [input] (interleaved, [inputChannels] per frame) go into the input ring;
     * when it is full the excess is dropped and counted. [output] is filled from the output
     * ring, with silence (counted as underflow once output is armed) for missing frames.
     * [nativeFlags] are [BlockStatus] bits the backend observed in this cycle; [timeNanos] is
     * the capture time of the cycle's first frame on the backend's clock. Either array may be
     * null when the stream has no such side. Never throws.
     */
    public fun process(input: FloatArray?, output: FloatArray?, frames: Int, nativeFlags: Int, timeNanos: Long) {
        var flags = nativeFlags and BlockStatus.ALL_FLAGS
        if (flags and GLITCH_FLAGS != 0) nativeXruns++
        if (asyncFlags.get() != 0) flags = flags or asyncFlags.getAndSet(0)
        val outRing = outputRing
        if (output != null && outRing != null) flags = flags or render(outRing, output, frames)
        val inRing = inputRing
        if (input != null && inRing != null) capture(inRing, input, frames, flags, timeNanos)
        cycles++
    }

    private fun render(ring: FloatRing, output: FloatArray, frames: Int): Int {
        val got = ring.read(output, 0, frames)
        framesRendered += got
        if (got == frames) return 0
        java.util.Arrays.fill(output, got * outputChannels, frames * outputChannels, 0f)
        if (!outputArmed || outputEnded) return 0
        outputUnderflowCycles++
        silencedFrames += frames - got
        return BlockStatus.OUTPUT_UNDERFLOW
    }

    private fun capture(ring: FloatRing, input: FloatArray, frames: Int, flags: Int, timeNanos: Long) {
        val position = ring.totalWritten
        val written = ring.write(input, 0, frames)
        if (written > 0 && inputLog.offer(position, pendingFlags or flags, pendingDropped, timeNanos)) {
            pendingFlags = 0
            pendingDropped = 0
        } else {
            pendingFlags = pendingFlags or flags
        }
        if (written < frames) {
            // The lost frames come after this cycle's written ones, so they are reported on the
            // block holding the next frame that does arrive.
            pendingFlags = pendingFlags or BlockStatus.INPUT_OVERFLOW
            pendingDropped += frames - written
            droppedFrames += frames - written
        }
        if (written < frames || flags and BlockStatus.INPUT_OVERFLOW != 0) inputOverflowCycles++
    }

    private companion object {
        /** Native flags that mean the device glitched. */
        const val GLITCH_FLAGS = BlockStatus.INPUT_OVERFLOW or BlockStatus.INPUT_UNDERFLOW or
            BlockStatus.OUTPUT_UNDERFLOW or BlockStatus.OUTPUT_OVERFLOW or BlockStatus.XRUN
    }

    /**
     * Non-realtime: records [flags] (for example [BlockStatus.XRUN]) to be attached to the next
     * cycle's frames. Lock-free; safe from any thread, including JACK's notification thread.
     */
    public fun reportAsync(flags: Int) {
        if (flags and BlockStatus.XRUN != 0) asyncXruns.incrementAndGet()
        val bits = flags and BlockStatus.ALL_FLAGS
        while (true) {
            val current = asyncFlags.get()
            if (asyncFlags.compareAndSet(current, current or bits)) return
        }
    }

    /**
     * Non-realtime: ends the stream with [error] (device gone, server shut down). The app side
     * delivers what is already in the input ring, then throws [error]. The first failure wins.
     */
    public fun fail(error: AudioException) {
        if (failure == null) failure = error
    }
}
