@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/*
 * The generators are cold, endless (except [sweep] and [asAudioFlow]) Flows of blocks of
 * `blockFrames` frames starting at frame 0, with the same signal on every channel (noise is
 * independent per channel). Bound their length with [takeDuration], [takeFrames] or
 * [takeBlocks]. They emit as fast as they are collected: pace them with a device
 * ([playOn][dev.audioflow.playOn]) or write them offline. Each collection starts again from
 * frame 0 and the same seed.
 */
/** Block size of every generator unless its `blockFrames` says otherwise. */
internal const val DEFAULT_BLOCK = BlockSize.DEFAULT_FRAMES

/** Emits `frames`-long blocks produced by [fill] (destination, frames, first frame index) until [total] frames. */
internal fun generate(
    format: AudioFormat,
    blockFrames: Int,
    total: Long = Long.MAX_VALUE,
    fill: (dst: FloatArray, frames: Int, start: Long) -> Unit,
): Flow<FloatBlock> {
    checkBlockFrames(blockFrames)
    return flow {
        var position = 0L
        while (position < total) {
            val n = minOf(blockFrames.toLong(), total - position).toInt()
            val samples = FloatArray(n * format.channels)
            fill(samples, n, position)
            emit(FloatBlock(format, samples, position))
            position += n
        }
    }
}

/** Copies mono values in `dst[0 until frames]` to every channel, in place, last frame first. */
internal fun spread(dst: FloatArray, frames: Int, channels: Int) {
    if (channels == 1) return
    for (f in frames - 1 downTo 0) {
        val x = dst[f]
        val base = f * channels
        for (c in 0 until channels) dst[base + c] = x
    }
}
