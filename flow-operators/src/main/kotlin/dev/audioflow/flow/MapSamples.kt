@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map

/**
 * Applies [transform] to every sample (all channels alike).
 *
 * ```
 * flow.mapSamples { x -> x * x * x }   // soft cubic shaping
 * ```
 *
 * Thread: collector's context. [transform] must be pure and fast: it runs once per sample.
 */
@JvmSynthetic
public inline fun Flow<FloatBlock>.mapSamples(crossinline transform: (Float) -> Float): Flow<FloatBlock> = map { block ->
    val src = block.samples
    val out = FloatArray(src.size)
    for (i in src.indices) out[i] = transform(src[i])
    block.withSamples(out)
}
