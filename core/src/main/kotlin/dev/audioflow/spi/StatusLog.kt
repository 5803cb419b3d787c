package dev.audioflow.spi

import java.util.concurrent.atomic.AtomicLong

/**
 * SPSC queue of per-cycle records `(position, flags, droppedFrames, timeNanos)` that lets the
 * realtime producer tell the consumer which glitches and timestamps belong to which frames.
 * Preallocated; [offer] never allocates and returns false when full.
 */
internal class StatusLog(capacity: Int) {
    private val size = Integer.highestOneBit(maxOf(2, capacity - 1)) shl 1
    private val mask = size - 1
    private val records = LongArray(size * 4)
    private val head = AtomicLong() // consumer-owned
    private val tail = AtomicLong() // producer-owned
    private var cachedHead = 0L

    /** Producer: appends a record; false if the log is full. */
    fun offer(position: Long, flags: Int, dropped: Long, timeNanos: Long): Boolean {
        val t = tail.get()
        if (t - cachedHead >= size) {
            cachedHead = head.get()
            if (t - cachedHead >= size) return false
        }
        val i = ((t and mask.toLong()).toInt()) * 4
        records[i] = position
        records[i + 1] = flags.toLong()
        records[i + 2] = dropped
        records[i + 3] = timeNanos
        tail.lazySet(t + 1)
        return true
    }

    /** Consumer: position of the oldest record, or [Long.MAX_VALUE] when empty. */
    fun peekPosition(): Long {
        val h = head.get()
        return if (h == tail.get()) Long.MAX_VALUE else records[((h and mask.toLong()).toInt()) * 4]
    }

    fun peekFlags(): Int = records[slot() + 1].toInt()
    fun peekDropped(): Long = records[slot() + 2]
    fun peekTime(): Long = records[slot() + 3]

    /** Consumer: drops the oldest record. */
    fun pop() {
        head.lazySet(head.get() + 1)
    }

    private fun slot(): Int = ((head.get() and mask.toLong()).toInt()) * 4
}
