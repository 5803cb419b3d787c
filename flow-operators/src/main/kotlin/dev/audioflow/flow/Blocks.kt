@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transformWhile
import kotlin.time.Duration

/**
 * Re-cuts the stream into blocks of exactly [frames] frames (the last one may be shorter),
 * without losing, duplicating or reordering a frame.
 *
 * Works for any sizes: smaller or larger than the input blocks, including 1. The first output
 * block starts at the first input block's [FloatBlock.frameIndex]; later ones follow
 * contiguously. Each input block's [BlockStatus] is carried by the output block that contains
 * its first frame (a zero-frame input block's status goes to the next output block, or to a
 * final empty block if the stream ends). Input blocks that already have the right size and
 * arrive on a boundary are passed through without copying.
 *
 * ```
 * mic.input(config).reblock(1024).collect { fft(it.samples) }
 * ```
 *
 * Thread: runs in the collector's context; never blocks. Memory: one block of [frames] frames.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [frames] outside
 *   1..[dev.audioflow.StreamConfig.MAX_BLOCK_FRAMES], and (on collection) when the format
 *   changes mid-stream.
 */
public fun Flow<FloatBlock>.reblock(frames: Int): Flow<FloatBlock> {
    checkBlockFrames(frames, "reblock frames")
    val upstream = this
    return flow {
        val guard = FormatGuard("reblock")
        val pending = PendingStatus()
        var buffer: FloatArray? = null
        var filled = 0
        var position = -1L
        var outStart = 0L
        var outNanos = 0L
        upstream.collect { block ->
            val format = guard.check(block)
            val ch = format.channels
            if (position < 0) position = block.frameIndex
            pending.add(position, block.status)
            if (filled == 0 && block.frames == frames) {
                emit(FloatBlock(format, block.samples, position, block.timestampNanos, pending.takeBefore(position + frames)))
                position += frames
                return@collect
            }
            var offset = 0
            while (offset < block.frames) {
                if (filled == 0) {
                    outStart = position
                    outNanos = block.timestampNanos + format.nanosOf(offset.toLong())
                }
                val out = buffer ?: FloatArray(frames * ch).also { buffer = it }
                val n = minOf(frames - filled, block.frames - offset)
                System.arraycopy(block.samples, offset * ch, out, filled * ch, n * ch)
                filled += n
                offset += n
                position += n
                if (filled == frames) {
                    buffer = null
                    filled = 0
                    emit(FloatBlock(format, out, outStart, outNanos, pending.takeBefore(outStart + frames)))
                }
            }
        }
        val format = guard.format ?: return@flow
        val rest = buffer
        if (filled > 0 && rest != null) {
            emit(FloatBlock(format, rest.copyOf(filled * format.channels), outStart, outNanos, pending.takeAll()))
        } else if (!pending.isEmpty) {
            emit(FloatBlock(format, FloatArray(0), position, format.nanosOf(position), pending.takeAll()))
        }
    }
}

/**
 * The first [frames] frames of the stream, then completion (cancelling the upstream, which
 * closes a device stream). The block containing the limit is cut short.
 *
 * Not to be confused with kotlinx's `take(count)`, which counts blocks.
 *
 * ```
 * val fiveSeconds = mic.input(config).takeFrames(5 * 48_000L)
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [frames].
 */
public fun Flow<FloatBlock>.takeFrames(frames: Long): Flow<FloatBlock> {
    AudioException.require(frames >= 0) { "takeFrames frames must be >= 0, was $frames" }
    return takeUntil { frames }
}

/**
 * The first [duration] of the stream (rounded to the nearest frame at the stream's sample
 * rate), then completion; see [takeFrames].
 *
 * ```
 * sine(440.0, AudioFormat.STEREO_48K).take(2.seconds).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
public fun Flow<FloatBlock>.take(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "take duration")
    return takeUntil { format -> format.framesOf(duration) }
}

private fun Flow<FloatBlock>.takeUntil(limitFor: (AudioFormat) -> Long): Flow<FloatBlock> {
    val upstream = this
    return flow {
        var limit = -1L
        var taken = 0L
        upstream.transformWhile { block ->
            if (limit < 0) limit = limitFor(block.format)
            val n = minOf(block.frames.toLong(), limit - taken).toInt()
            taken += n
            when {
                n == block.frames -> emit(block)
                n > 0 -> emit(block.withSamples(block.samples.copyOf(n * block.channels)))
            }
            taken < limit
        }.collect { emit(it) }
    }
}

/**
 * Drops the first [frames] frames of the stream and emits the rest, renumbered so the first
 * emitted frame has `frameIndex` 0 (it is the stream's start now). Timestamps are kept.
 *
 * Statuses of the dropped frames are not lost: they are combined into the first emitted block.
 *
 * ```
 * wavFile(path).skipFrames(44_100).take(10.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [frames].
 */
public fun Flow<FloatBlock>.skipFrames(frames: Long): Flow<FloatBlock> {
    AudioException.require(frames >= 0) { "skipFrames frames must be >= 0, was $frames" }
    return skipUntil { frames }
}

/**
 * Drops the first [duration] of the stream (rounded to the nearest frame); see [skipFrames].
 *
 * ```
 * wavFile(path).skip(1.5.seconds).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
public fun Flow<FloatBlock>.skip(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "skip duration")
    return skipUntil { format -> format.framesOf(duration) }
}

private fun Flow<FloatBlock>.skipUntil(limitFor: (AudioFormat) -> Long): Flow<FloatBlock> {
    val upstream = this
    return flow {
        var limit = -1L
        var seen = 0L
        var carried = BlockStatus.CLEAR
        var first = -1L
        var format: AudioFormat? = null
        upstream.collect { block ->
            format = block.format
            if (limit < 0) {
                limit = limitFor(block.format)
                first = block.frameIndex
            }
            val drop = minOf(block.frames.toLong(), maxOf(0L, limit - seen)).toInt()
            seen += block.frames
            if (drop == block.frames && block.frames > 0 || seen < limit) {
                carried = carried or block.status
                return@collect
            }
            val ch = block.channels
            val samples = if (drop == 0) block.samples else block.samples.copyOfRange(drop * ch, block.samples.size)
            val index = block.frameIndex + drop - first - limit
            val status = block.status or carried
            carried = BlockStatus.CLEAR
            emit(FloatBlock(block.format, samples, maxOf(0L, index), block.timestampNanos + block.format.nanosOf(drop.toLong()), status))
        }
        // The stream ended inside the skipped range: its statuses still reach the collector.
        format?.let { if (!carried.isClear) emit(FloatBlock(it, FloatArray(0), 0, 0, carried)) }
    }
}
