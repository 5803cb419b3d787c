package dev.audioflow.jack.internal

import java.util.concurrent.atomic.AtomicLong

/**
 * Single-producer/single-consumer ring of MIDI records `(cycleFrame, offset, size, bytes)`,
 * preallocated, lock-free and allocation-free on both sides ([take] copies into the caller's array).
 *
 * Records are stored byte by byte modulo the capacity, so they may wrap. A record that does
 * not fit is refused by [offer] and counted in [dropped]; it is never split.
 */
internal class MidiRing(requestedBytes: Int) {
    private val capacity = Integer.highestOneBit(maxOf(64, requestedBytes) - 1) shl 1
    private val mask = capacity - 1L
    private val bytes = ByteArray(capacity)
    private val head = AtomicLong() // consumer-owned: next byte to read
    private val tail = AtomicLong() // producer-owned: next byte to write

    /** Records refused because the ring was full (producer-side count). */
    @Volatile var dropped: Long = 0
        private set

    /** Producer: appends a record of [size] bytes from [data]; false (and counted) when it does not fit. */
    fun offer(cycleFrame: Long, offset: Int, data: ByteArray, size: Int): Boolean {
        val t = tail.get()
        val needed = HEADER + size
        if (capacity - (t - head.get()) < needed) {
            dropped++
            return false
        }
        putLong(t, cycleFrame)
        putInt(t + 8, offset)
        putInt(t + 12, size)
        var p = t + HEADER
        for (i in 0 until size) bytes[((p++) and mask).toInt()] = data[i]
        tail.lazySet(t + needed)
        return true
    }

    /** Consumer: true when a record is waiting. */
    fun isEmpty(): Boolean = head.get() == tail.get()

    /** Consumer: offset of the oldest record (call only when not [isEmpty]). */
    fun peekOffset(): Int = getInt(head.get() + 8)

    /** Consumer: size of the oldest record (call only when not [isEmpty]). */
    fun peekSize(): Int = getInt(head.get() + 12)

    /** Consumer: cycle frame of the oldest record (call only when not [isEmpty]). */
    fun peekCycleFrame(): Long = getLong(head.get())

    /** Consumer: copies the oldest record's bytes into [dst] (at least [peekSize] long) and drops it. */
    fun take(dst: ByteArray): Int {
        val h = head.get()
        val size = getInt(h + 12)
        var p = h + HEADER
        for (i in 0 until size) dst[i] = bytes[((p++) and mask).toInt()]
        head.lazySet(h + HEADER + size)
        return size
    }

    /** Consumer: drops every waiting record. */
    fun clear() {
        head.lazySet(tail.get())
    }

    private fun putInt(at: Long, value: Int) {
        for (i in 0 until 4) bytes[((at + i) and mask).toInt()] = (value ushr (8 * i)).toByte()
    }

    private fun putLong(at: Long, value: Long) {
        for (i in 0 until 8) bytes[((at + i) and mask).toInt()] = (value ushr (8 * i)).toByte()
    }

    private fun getInt(at: Long): Int {
        var v = 0
        for (i in 0 until 4) v = v or ((bytes[((at + i) and mask).toInt()].toInt() and 0xFF) shl (8 * i))
        return v
    }

    private fun getLong(at: Long): Long {
        var v = 0L
        for (i in 0 until 8) v = v or ((bytes[((at + i) and mask).toInt()].toLong() and 0xFF) shl (8 * i))
        return v
    }

    private companion object {
        const val HEADER = 16
    }
}
