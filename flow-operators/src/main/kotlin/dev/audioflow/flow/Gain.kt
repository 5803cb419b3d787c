package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import kotlin.math.PI
import kotlin.math.exp
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * Multiplies every sample by [factor].
 *
 * ```
 * mic.input(config).gain(0.5f).playOn(speaker)
 * ```
 *
 * Thread: collector's context; never blocks; one new sample array per block (input arrays are
 * never modified).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when [factor] is NaN or infinite.
 */
public fun Flow<FloatBlock>.gain(factor: Float): Flow<FloatBlock> {
    AudioException.require(factor.isFinite()) { "gain factor must be finite, was $factor" }
    return map { block -> block.withSamples(scaled(block.samples, factor)) }
}

/** A new array holding [src] times [factor]; a plain function so the JIT compiles its loop on its own. */
private fun scaled(src: FloatArray, factor: Float): FloatArray {
    val out = FloatArray(src.size)
    for (i in src.indices) out[i] = src[i] * factor
    return out
}

/**
 * Multiplies every sample by the current value of [factor], ramping linearly over [ramp] to
 * each new value so changes never click. The value is read once per block; a new value that
 * arrives mid-ramp starts a new ramp from the gain reached so far.
 *
 * ```
 * val volume = MutableStateFlow(1f)
 * mic.input(config).gain(volume).playOn(speaker)   // a UI slider sets volume.value
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or
 *   infinite [ramp], and (on collection) when [factor] holds a NaN or infinite value.
 */
public fun Flow<FloatBlock>.gain(factor: StateFlow<Float>, ramp: Duration = DEFAULT_RAMP): Flow<FloatBlock> {
    checkDuration(ramp, "gain ramp")
    val upstream = this
    return flow {
        val ramper = GainRamp(factor.value, ramp)
        upstream.collect { block -> emit(ramper.apply(block, factor.value)) }
    }
}

/**
 * Multiplies every sample by the latest value emitted by [factor] (collected concurrently,
 * starting from [initial]), ramping over [ramp] between values; see the `StateFlow` overload.
 *
 * ```
 * sine(220.0, format).gain(lfoValues, initial = 0f)
 * ```
 *
 * Thread: [factor] is collected in a child coroutine of the collector (started undispatched,
 * so values it has ready apply from the first block), cancelled when the audio flow completes.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a non-finite
 *   [initial] or [ramp], and (on collection) when [factor] emits a NaN or infinite value.
 */
public fun Flow<FloatBlock>.gain(factor: Flow<Float>, initial: Float, ramp: Duration = DEFAULT_RAMP): Flow<FloatBlock> {
    AudioException.require(initial.isFinite()) { "initial gain must be finite, was $initial" }
    if (factor is StateFlow<Float>) return gain(factor, ramp)
    checkDuration(ramp, "gain ramp")
    val upstream = this
    return flow {
        coroutineScope {
            val latest = MutableStateFlow(initial)
            val follower = launch(start = CoroutineStart.UNDISPATCHED) { factor.collect { latest.value = it } }
            try {
                val ramper = GainRamp(initial, ramp)
                upstream.collect { block -> emit(ramper.apply(block, latest.value)) }
            } finally {
                follower.cancel()
            }
        }
    }
}

/** Default ramp between gain values: 20 ms, long enough not to click, short enough to feel immediate. */
public val DEFAULT_RAMP: Duration = 20.milliseconds

/** Linear gain ramp state, advanced frame by frame across blocks. */
private class GainRamp(initial: Float, private val ramp: Duration) {
    private var current = initial
    private var from = initial
    private var to = initial
    private var step = 0
    private var steps = 0

    fun apply(block: FloatBlock, target: Float): FloatBlock {
        AudioException.require(target.isFinite()) { "gain factor must be finite, was $target" }
        if (target != to) {
            from = current
            to = target
            steps = block.format.framesOf(ramp).toInt().coerceAtLeast(1)
            step = 0
        }
        return block.scaledByFrame {
            if (step < steps) {
                step++
                current = from + (to - from) * step / steps
            } else {
                current = to
            }
            current
        }
    }
}

/**
 * A copy of this block with each frame's samples multiplied by [gainOf] of the frame's index,
 * which is called once per frame, in order (so it may advance state).
 */
private inline fun FloatBlock.scaledByFrame(gainOf: (frame: Int) -> Float): FloatBlock {
    val ch = channels
    val src = samples
    val out = FloatArray(src.size)
    var i = 0
    for (f in 0 until frames) {
        val g = gainOf(f)
        repeat(ch) {
            out[i] = src[i] * g
            i++
        }
    }
    return withSamples(out)
}

/**
 * Applies [transform] to every sample (all channels alike).
 *
 * ```
 * flow.mapSamples { x -> x * x * x }   // soft cubic shaping
 * ```
 *
 * Thread: collector's context. [transform] must be pure and fast: it runs once per sample.
 */
public inline fun Flow<FloatBlock>.mapSamples(crossinline transform: (Float) -> Float): Flow<FloatBlock> = map { block ->
    val src = block.samples
    val out = FloatArray(src.size)
    for (i in src.indices) out[i] = transform(src[i])
    block.withSamples(out)
}

/**
 * Limits every sample to -[limit]..[limit] (hard clipping); NaN becomes 0.
 *
 * ```
 * mix(a, b).clip().writeWav(path, SampleFormat.INT16)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] unless [limit] is finite and > 0.
 */
public fun Flow<FloatBlock>.clip(limit: Float = 1f): Flow<FloatBlock> {
    AudioException.require(limit.isFinite() && limit > 0f) { "clip limit must be finite and > 0, was $limit" }
    return mapSamples { x -> if (x.isNaN()) 0f else x.coerceIn(-limit, limit) }
}

/**
 * Removes DC offset with a one-pole high-pass filter (`y = x - x1 + r * y1`) whose -3 dB corner
 * is at [cutoffHz], keeping state per channel across blocks.
 *
 * ```
 * mic.input(config).dcBlock().meter { ... }
 * ```
 *
 * A 20 Hz..20 kHz signal passes with less than 0.1 dB loss at the default 5 Hz corner; a
 * constant offset decays with time constant `1 / (2π cutoffHz)` seconds.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] unless [cutoffHz] is
 *   finite and > 0, and (on collection) when it is not below half the sample rate.
 */
public fun Flow<FloatBlock>.dcBlock(cutoffHz: Double = 5.0): Flow<FloatBlock> {
    AudioException.require(cutoffHz.isFinite() && cutoffHz > 0.0) { "dcBlock cutoffHz must be finite and > 0, was $cutoffHz" }
    val upstream = this
    return flow {
        val guard = FormatGuard("dcBlock")
        var r = 0f
        var x1 = FloatArray(0)
        var y1 = FloatArray(0)
        upstream.collect { block ->
            val format = guard.check(block)
            val ch = format.channels
            if (x1.size != ch) {
                AudioException.require(cutoffHz < format.sampleRate / 2.0) {
                    "dcBlock cutoffHz $cutoffHz must be below half the sample rate ${format.sampleRate}"
                }
                r = exp(-2.0 * PI * cutoffHz / format.sampleRate).toFloat()
                x1 = FloatArray(ch)
                y1 = FloatArray(ch)
            }
            val src = block.samples
            val out = FloatArray(src.size)
            for (i in src.indices) {
                val c = i % ch
                val y = src[i] - x1[c] + r * y1[c]
                x1[c] = src[i]
                y1[c] = y
                out[i] = y
            }
            emit(block.withSamples(out))
        }
    }
}

/**
 * Fades in linearly from silence over the first [duration] of the stream.
 *
 * ```
 * wavFile(path).fadeIn(200.milliseconds).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
public fun Flow<FloatBlock>.fadeIn(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "fadeIn duration")
    val upstream = this
    return flow {
        var length = -1L
        var done = 0L
        upstream.collect { block ->
            if (length < 0) length = block.format.framesOf(duration)
            if (done >= length) {
                emit(block)
                return@collect
            }
            val start = done
            done += block.frames
            emit(block.scaledByFrame { f -> if (start + f < length) (start + f).toFloat() / length else 1f })
        }
    }
}

/**
 * Fades out linearly to silence over the last [duration] before the upstream completes.
 *
 * To know where the end is, it holds back [duration] of audio (whole blocks, unchanged except
 * for the fade): this adds that much latency, so use it on finite flows (files, generated
 * material), not on live monitoring. A stream shorter than [duration] is faded over its whole
 * length. The last frame is exactly silent.
 *
 * ```
 * sine(440.0, format).take(3.seconds).fadeOut(500.milliseconds).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
public fun Flow<FloatBlock>.fadeOut(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "fadeOut duration")
    val upstream = this
    return flow {
        val held = ArrayDeque<FloatBlock>()
        var heldFrames = 0L
        var length = -1L
        upstream.collect { block ->
            if (length < 0) length = block.format.framesOf(duration)
            held.addLast(block)
            heldFrames += block.frames
            while (held.isNotEmpty() && heldFrames - held.first().frames >= length) {
                val first = held.removeFirst()
                heldFrames -= first.frames
                emit(first)
            }
        }
        val span = maxOf(1L, minOf(length, heldFrames))
        var remaining = heldFrames
        for (block in held) {
            emit(
                block.scaledByFrame {
                    remaining--
                    if (remaining < span) remaining.toFloat() / span else 1f
                },
            )
        }
    }
}
