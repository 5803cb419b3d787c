@file:JvmMultifileClass
@file:JvmName("AudioFlows")

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
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toKotlinDuration

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
@JvmSynthetic
public fun Flow<FloatBlock>.gain(factor: StateFlow<Float>, ramp: Duration = DEFAULT_RAMP): Flow<FloatBlock> {
    checkDuration(ramp, "gain ramp")
    val upstream = this
    return flow {
        val ramper = GainRamp(factor.value, ramp)
        upstream.collect { block -> emit(ramper.apply(block, factor.value)) }
    }
}

/**
 * Multiplies every sample by the current value of [factor], ramping over [ramp]: the Java form
 * of the Kotlin `gain`, taking a `java.time.Duration`
 * (`AudioFlows.gain(flow, volume, Duration.ofMillis(20))`).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [ramp].
 */
public fun Flow<FloatBlock>.gain(factor: StateFlow<Float>, ramp: java.time.Duration): Flow<FloatBlock> = gain(factor, ramp.toKotlinDuration())

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
@JvmSynthetic
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

/**
 * Multiplies every sample by the latest value of [factor] (from [initial]), ramping over [ramp]:
 * the Java form of the Kotlin `gain`, taking a `java.time.Duration`
 * (`AudioFlows.gain(flow, lfo, 0f, Duration.ofMillis(20))`).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a non-finite [initial] or a negative [ramp].
 */
public fun Flow<FloatBlock>.gain(factor: Flow<Float>, initial: Float, ramp: java.time.Duration): Flow<FloatBlock> =
    gain(factor, initial, ramp.toKotlinDuration())

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
internal inline fun FloatBlock.scaledByFrame(gainOf: (frame: Int) -> Float): FloatBlock {
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
