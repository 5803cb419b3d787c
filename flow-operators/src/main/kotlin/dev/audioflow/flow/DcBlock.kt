@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.math.PI
import kotlin.math.exp

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
@JvmOverloads
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
