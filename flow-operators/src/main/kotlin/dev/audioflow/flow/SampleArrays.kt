@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * These interleaved samples as a finite Flow of blocks of [blockFrames] frames (the last may be
 * shorter), starting at frame 0. The array is copied block by block as it is emitted, so later
 * changes to it are not seen by blocks already emitted.
 *
 * ```
 * floatArrayOf(0f, 0.5f, 1f, 0.5f).asAudioFlow(AudioFormat(48_000, 1)).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the size is not a
 *   multiple of the channel count, or for a bad [blockFrames].
 */
@JvmOverloads
public fun FloatArray.asAudioFlow(format: AudioFormat, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    AudioException.require(size % format.channels == 0) { "sample array size $size is not a multiple of ${format.channels} channels" }
    val source = this
    val ch = format.channels
    return generate(format, blockFrames, (size / ch).toLong()) { dst, frames, start ->
        System.arraycopy(source, (start * ch).toInt(), dst, 0, frames * ch)
    }
}

/**
 * Collects this (finite) flow into one array holding every block's interleaved samples in
 * order: the inverse of [asAudioFlow].
 *
 * ```
 * val take: FloatArray = mic.input(config).takeDuration(2.seconds).toSamples()
 * ```
 *
 * Suspends until the flow completes; keeps everything in memory.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the blocks change
 *   channel count or the total exceeds the largest array.
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.toSamples(): FloatArray {
    var out = FloatArray(0)
    var size = 0
    var channels = 0
    collect { block ->
        if (channels == 0) channels = block.channels
        AudioException.require(block.channels == channels) { "toSamples: block at frame ${block.frameIndex} has ${block.channels} channels, earlier blocks $channels" }
        AudioException.require(size.toLong() + block.samples.size <= MAX_ARRAY) { "toSamples: more than $MAX_ARRAY samples do not fit in an array" }
        if (size + block.samples.size > out.size) out = out.copyOf(maxOf(size + block.samples.size, minOf(MAX_ARRAY, out.size * 2L).toInt()))
        System.arraycopy(block.samples, 0, out, size, block.samples.size)
        size += block.samples.size
    }
    return if (size == out.size) out else out.copyOf(size)
}


/** Largest array the JVM allocates, in elements. */
internal const val MAX_ARRAY = Int.MAX_VALUE - 8L
