@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.flow
import kotlin.math.abs
import kotlin.math.log10
import kotlin.math.sqrt

/**
 * Per-channel peak and RMS levels of one metering window.
 *
 * Linear values are in full-scale units (1.0 = 0 dBFS); the dBFS forms are `20 log10` of them,
 * negative infinity for digital silence. Immutable.
 *
 * ```
 * mic.input(config).meter { levels -> bar.value = levels.peakDbfs(0) }.playOn(speaker)
 * ```
 *
 * @property frameIndex stream position of the window's first frame.
 * @property frames frames in the window.
 */
public class Levels(
    public val frameIndex: Long,
    public val frames: Int,
    private val peaks: FloatArray,
    private val rmsValues: FloatArray,
) {
    /** Number of channels measured. */
    public val channels: Int get() = peaks.size

    /** Largest absolute sample of [channel]. */
    public fun peak(channel: Int): Float = peaks[channel]

    /** Root mean square of [channel]. */
    public fun rms(channel: Int): Float = rmsValues[channel]

    /** [peak] in dBFS. */
    public fun peakDbfs(channel: Int): Float = dbfs(peaks[channel])

    /** [rms] in dBFS (a full-scale sine reads -3.01 dBFS). */
    public fun rmsDbfs(channel: Int): Float = dbfs(rmsValues[channel])

    override fun toString(): String =
        "Levels(frame=$frameIndex, peak=${(0 until channels).map { "%.1f".format(peakDbfs(it)) }} dBFS, " +
            "rms=${(0 until channels).map { "%.1f".format(rmsDbfs(it)) }} dBFS)"

    public companion object {
        /** `20 log10(linear)`, negative infinity for 0. */
        @JvmStatic
        public fun dbfs(linear: Float): Float = if (linear <= 0f) Float.NEGATIVE_INFINITY else (20 * log10(linear.toDouble())).toFloat()
    }
}

/** Accumulates peak and sum of squares per channel and reports each complete window. */
private class LevelMeter(private val window: Int) {
    private var channels = 0
    private var peaks = FloatArray(0)
    private var squares = DoubleArray(0)
    private var count = 0
    private var start = 0L

    inline fun add(block: FloatBlock, report: (Levels) -> Unit) {
        val ch = block.channels
        if (ch != channels) {
            channels = ch
            peaks = FloatArray(ch)
            squares = DoubleArray(ch)
            count = 0
        }
        val src = block.samples
        var f = 0
        while (f < block.frames) {
            if (count == 0) start = block.frameIndex + f
            val n = minOf(window - count, block.frames - f)
            for (c in 0 until ch) {
                var peak = peaks[c]
                var sum = squares[c]
                var i = f * ch + c
                repeat(n) {
                    val x = src[i]
                    val a = abs(x)
                    if (a > peak) peak = a
                    sum += x * x
                    i += ch
                }
                peaks[c] = peak
                squares[c] = sum
            }
            count += n
            f += n
            if (count == window) {
                report(Levels(start, window, peaks.copyOf(), FloatArray(ch) { sqrt(squares[it] / window).toFloat() }))
                peaks.fill(0f)
                squares.fill(0.0)
                count = 0
            }
        }
    }
}

/**
 * Measures peak and RMS per channel over consecutive windows of [windowFrames] frames and
 * reports each window to [onLevels], passing the audio through untouched (same blocks, no copy).
 *
 * Windows span block boundaries; a partial window at the end of the stream is not reported.
 *
 * ```
 * mic.input(config).meter(2048) { levels -> println(levels.peakDbfs(0)) }.playOn(speaker)
 * ```
 *
 * Thread: [onLevels] runs in the collector's context, in line with the audio: it must be quick
 * and must not block (publish to a `StateFlow` and let the UI read it; see the other overload).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [windowFrames]
 *   outside 1..[dev.audioflow.BlockSize.MAX_FRAMES].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.meter(windowFrames: Int = DEFAULT_METER_WINDOW, onLevels: (Levels) -> Unit): Flow<FloatBlock> {
    checkBlockFrames(windowFrames, "meter windowFrames")
    val upstream = this
    return flow {
        val meter = LevelMeter(windowFrames)
        upstream.collect { block ->
            meter.add(block, onLevels)
            emit(block)
        }
    }
}

/**
 * Publishes the levels of each window of [windowFrames] frames into [levels] (a `StateFlow` a
 * UI observes at its own pace), passing the audio through untouched.
 *
 * ```
 * val levels = MutableStateFlow<Levels?>(null)
 * mic.input(config).meter(levels).playOn(speaker)
 * ```
 *
 * Thread: never blocks or suspends; the UI never slows the audio down.
 */
@JvmOverloads
public fun Flow<FloatBlock>.meter(levels: MutableStateFlow<Levels?>, windowFrames: Int = DEFAULT_METER_WINDOW): Flow<FloatBlock> =
    meter(windowFrames) { levels.value = it }

/**
 * The levels of consecutive windows of [windowFrames] frames, conflated: a slow collector
 * (a UI) always gets the latest window and never slows the audio, which is consumed here.
 *
 * ```
 * wavFile(path).levels(4800).collect { ui.show(it) }
 * ```
 *
 * Thread: the audio is collected in a separate coroutine (from `conflate`), so it keeps its
 * pace however slowly levels are collected.
 */
@JvmOverloads
public fun Flow<FloatBlock>.levels(windowFrames: Int = DEFAULT_METER_WINDOW): Flow<Levels> {
    checkBlockFrames(windowFrames, "levels windowFrames")
    val upstream = this
    return flow {
        val meter = LevelMeter(windowFrames)
        upstream.collect { block -> meter.add(block) { emit(it) } }
    }.conflate()
}

/** Default metering window: 2048 frames, about 43 ms at 48 kHz (a typical UI frame rate). */
public const val DEFAULT_METER_WINDOW: Int = 2048
