package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import kotlin.time.Duration

/** Throws [AudioErrorKind.InvalidArgument] with [message]. */
internal fun invalidArgument(message: String): Nothing = throw AudioException(AudioErrorKind.InvalidArgument, message)

/** Validates a block size argument named [name]. */
internal fun checkBlockFrames(blockFrames: Int, name: String = "blockFrames") {
    AudioException.require(blockFrames in 1..StreamConfig.MAX_BLOCK_FRAMES) {
        "$name must be in 1..${StreamConfig.MAX_BLOCK_FRAMES}, was $blockFrames"
    }
}

/** Validates a finite, non-negative [duration] argument named [name]. */
internal fun checkDuration(duration: Duration, name: String) {
    AudioException.require(duration.isFinite() && !duration.isNegative()) { "$name must be finite and >= 0, was $duration" }
}

/**
 * Remembers the format of the first block of a Flow and rejects later blocks with another one:
 * operators that keep per-channel state cannot follow a format change mid-stream.
 */
internal class FormatGuard(private val operator: String) {
    var format: AudioFormat? = null
        private set

    fun check(block: FloatBlock): AudioFormat {
        val known = format ?: return block.format.also { format = it }
        if (known != block.format) {
            invalidArgument("$operator: block at frame ${block.frameIndex} has format ${block.format}, earlier blocks had $known")
        }
        return known
    }
}

/**
 * Statuses waiting for the output block that will contain their first frame.
 *
 * Operators that change block boundaries record each input block's status at the output
 * position of its first frame and collect everything below an output block's end when they
 * emit it, so no status is ever dropped. Only non-clear statuses are stored.
 */
internal class PendingStatus {
    private val positions = ArrayDeque<Long>()
    private val statuses = ArrayDeque<BlockStatus>()

    val isEmpty: Boolean get() = statuses.isEmpty()

    fun add(position: Long, status: BlockStatus) {
        if (status.isClear) return
        positions.addLast(position)
        statuses.addLast(status)
    }

    /** Combined status of every entry positioned before [end], removed from the queue. */
    fun takeBefore(end: Long): BlockStatus {
        var result = BlockStatus.CLEAR
        while (statuses.isNotEmpty() && positions.first() < end) {
            positions.removeFirst()
            result = result or statuses.removeFirst()
        }
        return result
    }

    /** Combined status of every entry, emptying the queue. */
    fun takeAll(): BlockStatus = takeBefore(Long.MAX_VALUE)
}
