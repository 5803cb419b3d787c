@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emptyFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.transformWhile
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

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
 *   1..[dev.audioflow.BlockSize.MAX_FRAMES], and (on collection) when the format
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
 * The first [count] blocks of the stream, whatever their sizes, then completion (cancelling the
 * upstream, which closes a device stream). kotlinx's `take(count)` does the same; this name says
 * what is counted, next to [takeFrames] and [takeDuration].
 *
 * ```
 * mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(256))).takeBlocks(100).collect { analyse(it) }
 * ```
 *
 * Thread: collector's context; never blocks. A [count] of 0 completes without collecting the
 * upstream (no device is opened).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [count].
 */
public fun Flow<FloatBlock>.takeBlocks(count: Int): Flow<FloatBlock> {
    AudioException.require(count >= 0) { "takeBlocks count must be >= 0, was $count" }
    return if (count == 0) emptyFlow() else take(count)
}

/**
 * The first [frames] frames of the stream, then completion (cancelling the upstream, which
 * closes a device stream). The block containing the limit is cut short.
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
 * sine(440.0, AudioFormat.STEREO_48K).takeDuration(2.seconds).playOn(speaker)
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.takeDuration(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "takeDuration duration")
    return takeUntil { format -> format.framesOf(duration) }
}

/**
 * The first [duration] of the stream, then completion: the Java form of the Kotlin `takeDuration`, taking a `java.time.Duration`
 * (`AudioFlows.takeDuration(flow, Duration.ofSeconds(2))`).
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [duration].
 */
public fun Flow<FloatBlock>.takeDuration(duration: java.time.Duration): Flow<FloatBlock> = takeDuration(duration.toKotlinDuration())

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
 * Drops the first [count] blocks of the stream, whatever their sizes, and emits the rest,
 * renumbered so the first emitted frame has `frameIndex` 0; see [skipFrames].
 *
 * ```
 * mic.input(config).skipBlocks(4).meter { levels -> show(levels) }   // past the device's warm-up
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [count].
 */
public fun Flow<FloatBlock>.skipBlocks(count: Int): Flow<FloatBlock> {
    AudioException.require(count >= 0) { "skipBlocks count must be >= 0, was $count" }
    return skipLeading {
        var skipped = 0
        SkipRule { _, _ -> if (skipped < count) WHOLE_BLOCK.also { skipped++ } else 0 }
    }
}

/**
 * Drops the first [frames] frames of the stream and emits the rest, renumbered so the first
 * emitted frame has `frameIndex` 0 (it is the stream's start now). Timestamps are kept.
 *
 * Statuses of the dropped frames are not lost: they are combined into the first emitted block
 * (or into one empty block if the stream ends inside the skipped range).
 *
 * ```
 * wavFile(path).skipFrames(44_100).takeDuration(10.seconds)
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [frames].
 */
public fun Flow<FloatBlock>.skipFrames(frames: Long): Flow<FloatBlock> {
    AudioException.require(frames >= 0) { "skipFrames frames must be >= 0, was $frames" }
    return skipLeading { framesRule(frames) }
}

/**
 * Drops the first [duration] of the stream (rounded to the nearest frame at the stream's sample
 * rate); see [skipFrames].
 *
 * ```
 * wavFile(path).skipDuration(1.5.seconds).playOn(speaker)
 * ```
 *
 * Thread: collector's context; never blocks.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.skipDuration(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "skipDuration duration")
    return skipLeading { format -> framesRule(format.framesOf(duration)) }
}

/**
 * The stream without its first [duration]: the Java form of the Kotlin `skipDuration`, taking a `java.time.Duration`
 * (`AudioFlows.skipDuration(flow, Duration.ofSeconds(1))`).
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [duration].
 */
public fun Flow<FloatBlock>.skipDuration(duration: java.time.Duration): Flow<FloatBlock> = skipDuration(duration.toKotlinDuration())

/** How many leading frames of each block a skip drops, or [WHOLE_BLOCK]; one per collection. */
private fun interface SkipRule {
    /** Frames to drop from the front of [block], whose first frame is frame [seen] of the stream. */
    fun drop(block: FloatBlock, seen: Long): Int
}

/** A [SkipRule] answer: drop the whole block, carrying its status to the first emitted block (also for zero-frame blocks). */
private const val WHOLE_BLOCK = -1

/** The rule that drops the stream's first [limit] frames. */
private fun framesRule(limit: Long): SkipRule = SkipRule { block, seen ->
    val after = seen + block.frames
    if (after < limit || block.frames > 0 && after <= limit) WHOLE_BLOCK else maxOf(0L, limit - seen).toInt()
}

/** Drops what the rule made by [ruleFor] (from the first block's format) says, renumbering the rest from 0. */
private fun Flow<FloatBlock>.skipLeading(ruleFor: (AudioFormat) -> SkipRule): Flow<FloatBlock> {
    val upstream = this
    return flow {
        var rule: SkipRule? = null
        var seen = 0L
        var dropped = 0L
        var carried = BlockStatus.CLEAR
        var first = -1L
        var format: AudioFormat? = null
        upstream.collect { block ->
            format = block.format
            val skip = rule ?: ruleFor(block.format).also {
                rule = it
                first = block.frameIndex
            }
            val drop = skip.drop(block, seen)
            seen += block.frames
            if (drop == WHOLE_BLOCK) {
                carried = carried or block.status
                dropped += block.frames
                return@collect
            }
            dropped += drop
            val ch = block.channels
            val samples = if (drop == 0) block.samples else block.samples.copyOfRange(drop * ch, block.samples.size)
            val index = block.frameIndex + drop - first - dropped
            val status = block.status or carried
            carried = BlockStatus.CLEAR
            emit(FloatBlock(block.format, samples, maxOf(0L, index), block.timestampNanos + block.format.nanosOf(drop.toLong()), status))
        }
        // The stream ended inside the skipped range: its statuses still reach the collector.
        format?.let { if (!carried.isClear) emit(FloatBlock(it, FloatArray(0), 0, 0, carried)) }
    }
}
