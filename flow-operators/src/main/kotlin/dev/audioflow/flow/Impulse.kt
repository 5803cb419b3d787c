@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * A unit impulse of [amplitude] at frame 0, then silence; with [intervalFrames] > 0, an impulse
 * every [intervalFrames] frames (a click track, or an impulse-response probe).
 *
 * ```
 * impulse(format, intervalFrames = 48_000).takeDuration(4.seconds)   // one click per second
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative
 *   [intervalFrames] or a bad amplitude.
 */
public fun impulse(format: AudioFormat, intervalFrames: Long = 0, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    AudioException.require(intervalFrames >= 0) { "impulse intervalFrames must be >= 0, was $intervalFrames" }
    AudioException.require(amplitude.isFinite()) { "amplitude must be finite, was $amplitude" }
    val ch = format.channels
    return generate(format, blockFrames) { dst, frames, start ->
        var next = if (intervalFrames == 0L) 0L else (start + intervalFrames - 1) / intervalFrames * intervalFrames
        while (next < start + frames) {
            if (next >= start) dst.fill(amplitude, ((next - start) * ch).toInt(), ((next - start + 1) * ch).toInt())
            if (intervalFrames == 0L) break
            next += intervalFrames
        }
    }
}
