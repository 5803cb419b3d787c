package dev.audioflow.flow

import dev.audioflow.BlockStatus

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
