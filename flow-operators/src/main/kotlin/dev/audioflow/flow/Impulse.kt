@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * A unit impulse of [amplitude] at frame 0, then silence (an impulse-response probe); with
 * [intervalFrames], an impulse every [intervalFrames] frames (a click track).
 *
 * ```
 * impulse(format, intervalFrames = 48_000).takeDuration(4.seconds)   // one click per second
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an [intervalFrames]
 *   below 1 or a bad amplitude.
 */
@JvmOverloads
public fun impulse(format: AudioFormat, intervalFrames: Long? = null, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    AudioException.require(intervalFrames == null || intervalFrames >= 1) { "impulse intervalFrames must be >= 1 (or null for one impulse), was $intervalFrames" }
    AudioException.require(amplitude.isFinite()) { "amplitude must be finite, was $amplitude" }
    val ch = format.channels
    return generate(format, blockFrames) { dst, frames, start ->
        var next = if (intervalFrames == null) 0L else (start + intervalFrames - 1) / intervalFrames * intervalFrames
        while (next < start + frames) {
            if (next >= start) dst.fill(amplitude, ((next - start) * ch).toInt(), ((next - start + 1) * ch).toInt())
            if (intervalFrames == null) break
            next += intervalFrames
        }
    }
}
