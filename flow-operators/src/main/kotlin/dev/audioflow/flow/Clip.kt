@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * Limits every sample to -[limit]..[limit] (hard clipping); NaN becomes 0.
 *
 * ```
 * mix(a, b).clip().writeWav(path, SampleFormat.INT16)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] unless [limit] is finite and > 0.
 */
@JvmOverloads
public fun Flow<FloatBlock>.clip(limit: Float = 1f): Flow<FloatBlock> {
    AudioException.require(limit.isFinite() && limit > 0f) { "clip limit must be finite and > 0, was $limit" }
    return mapSamples { x -> if (x.isNaN()) 0f else x.coerceIn(-limit, limit) }
}
