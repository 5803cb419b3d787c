@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * Digital silence.
 *
 * ```
 * silence(format).takeDuration(500.milliseconds)   // a gap between two clips
 * ```
 */
@JvmOverloads
public fun silence(format: AudioFormat, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    generate(format, blockFrames) { _, _, _ -> }
