package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: a single-producer/single-consumer lock-free ring of interleaved float frames, the
 * buffer between a stream's driver and its coroutine side ([RealtimeEndpoint.inputRing],
 * [RealtimeEndpoint.outputRing]).
 *
 * Exactly one thread at a time may call the producer methods ([write], [writeFromAddress],
 * [writeFromAddresses], [freeFrames]) and one the consumer methods ([read], [readToAddress],
 * [readToAddresses], [availableFrames]); the two may run concurrently. Indices are
 * free-running frame counters published with release/acquire ordering; each side caches the
 * other's index and refreshes it only when the cached view says there is not enough room or
 * data. Copies are at most two segments, to and from arrays (`arraycopy`) or, for native
 * backends, native addresses ([readToAddress], [writeFromAddress] and their per-channel forms,
 * through the backend's [NativeCopy]). No method allocates, locks, blocks or throws
 * on the realtime path, so a native audio callback may call the producer or consumer side
 * directly. A full ring takes what fits and an empty one gives what it has: what to do with the
 * rest (drop and count, play silence) is the endpoint's business.
 *
 * ```
 * val ring = FloatRing(1024, channels = 2)
 * val written = ring.write(block, 0, frames)      // producer thread
 * val read = ring.read(out, 0, frames)            // consumer thread
 * ```
 *
 * @param requestedFrames minimum capacity in frames; rounded up to a power of two.
 * @property channels interleaved channels per frame.
 * @throws AudioException [AudioErrorKind.InvalidArgument] for a capacity outside 1..2^24 frames
 *   or channels outside 1..[AudioFormat.MAX_CHANNELS].
 */
@DelicateAudioApi
public class FloatRing(requestedFrames: Int, public val channels: Int) {
    init {
        AudioException.require(requestedFrames in 1..MAX_FRAMES) {
            "ring capacity must be in 1..$MAX_FRAMES frames, was $requestedFrames"
        }
        AudioException.require(channels in 1..AudioFormat.MAX_CHANNELS) {
            "ring channels must be in 1..${AudioFormat.MAX_CHANNELS}, was $channels"
        }
    }

    /** Capacity in frames: [requestedFrames] rounded up to a power of two. */
    public val capacityFrames: Int = Integer.highestOneBit(requestedFrames - 1).coerceAtLeast(1).let {
        if (it >= requestedFrames) it else it shl 1
    }

    private val mask: Long = capacityFrames - 1L
    private val buffer = FloatArray(capacityFrames * channels)

    /** The buffer's view for the copy [prepareNativeCopy] was given. */
    private val view = PreparedView(buffer)
    private val idx = RingIndices()

    /** Frames ever written (producer's count; approximate when read from another thread). */
    public val totalWritten: Long get() = idx.writeIndexAcquire()

    /** Frames ever read (consumer's count; approximate when read from another thread). */
    public val totalRead: Long get() = idx.readIndexAcquire()

    /** Producer side: frames that can be written now without dropping. */
    public fun freeFrames(): Int {
        val w = idx.writeIndex
        var free = capacityFrames - (w - idx.cachedReadIndex)
        if (free < capacityFrames) {
            idx.cachedReadIndex = idx.readIndexAcquire()
            free = capacityFrames - (w - idx.cachedReadIndex)
        }
        return free.toInt()
    }

    /** Consumer side: frames that can be read now. */
    public fun availableFrames(): Int {
        val r = idx.readIndex
        var available = idx.cachedWriteIndex - r
        if (available < capacityFrames) {
            idx.cachedWriteIndex = idx.writeIndexAcquire()
            available = idx.cachedWriteIndex - r
        }
        return available.toInt()
    }

    /**
     * Producer side: copies up to [frames] frames from [src] (starting at frame [srcFrame]) and
     * returns how many fit. Never blocks.
     */
    public fun write(src: FloatArray, srcFrame: Int, frames: Int): Int {
        return produce(frames) { start, first, n ->
            System.arraycopy(src, srcFrame * channels, buffer, start * channels, first * channels)
            if (n > first) System.arraycopy(src, (srcFrame + first) * channels, buffer, 0, (n - first) * channels)
        }
    }

    /**
     * Consumer side: copies up to [frames] frames into [dst] (starting at frame [dstFrame]) and
     * returns how many were available. Never blocks.
     */
    public fun read(dst: FloatArray, dstFrame: Int, frames: Int): Int {
        return consume(frames) { start, first, n ->
            System.arraycopy(buffer, start * channels, dst, dstFrame * channels, first * channels)
            if (n > first) System.arraycopy(buffer, 0, dst, (dstFrame + first) * channels, (n - first) * channels)
        }
    }

    /**
     * Consumer side: discards up to [frames] of the oldest frames and returns how many there
     * were. Never blocks, allocates or throws: a duplex stream's callback uses it to take back
     * latency ([RealtimeEndpoint.boundedLatency]).
     */
    public fun skip(frames: Int): Int = consume(frames) { _, _, _ -> }

    /**
     * Consumer side, for native callbacks: copies up to [frames] frames straight into native
     * memory at [address] (interleaved float32, [channels] per frame) with [copy] and returns
     * how many were available. The same as [read] into an array followed by a copy to native
     * memory, with one copy and no JNI call. Never blocks, allocates or throws.
     *
     * [address] must point to writable native memory of at least `frames * channels` floats, for
     * example the output buffer a native callback was handed: nothing is checked, and a wrong
     * address crashes the JVM.
     */
    @DelicateAudioApi
    public fun readToAddress(address: Long, frames: Int, copy: NativeCopy): Int {
        val from = view.viewFor(copy)
        return consume(frames) { start, first, n ->
            copy.writeFloatsFromView(address, 0, from, start * channels, first * channels)
            if (n > first) copy.writeFloatsFromView(address, first.toLong() * channels * Float.SIZE_BYTES, from, 0, (n - first) * channels)
        }
    }

    /**
     * Producer side, for native callbacks: copies up to [frames] frames from native memory at
     * [address] (interleaved float32, [channels] per frame) with [copy] and returns how many
     * fit. The counterpart of [readToAddress], with the same contract for [address] (readable,
     * at least `frames * channels` floats).
     */
    @DelicateAudioApi
    public fun writeFromAddress(address: Long, frames: Int, copy: NativeCopy): Int {
        val into = view.viewFor(copy)
        return produce(frames) { start, first, n ->
            copy.readFloatsToView(address, 0, into, start * channels, first * channels)
            if (n > first) copy.readFloatsToView(address, first.toLong() * channels * Float.SIZE_BYTES, into, 0, (n - first) * channels)
        }
    }

    /**
     * Prepares [readToAddress] and [writeFromAddress] with [copy] to go through [NativeCopy.view]
     * of this ring's buffer (on the FFM path a `memcpy` instead of an element loop). Call it
     * before the callbacks that copy start, off the realtime path: it may allocate. With
     * another copy those methods work as before.
     */
    @DelicateAudioApi
    public fun prepareNativeCopy(copy: NativeCopy) {
        view.prepare(copy)
    }

    /**
     * Consumer side, for native callbacks with one buffer per channel (JACK ports): like
     * [readToAddress], but de-interleaves: channel `c` of up to [frames] frames goes to the
     * float32 buffer at `addresses[c]`. Returns the frames that were available.
     *
     * [addresses] must hold at least [channels] addresses of writable native memory of at least
     * [frames] floats each: nothing is checked, and a wrong address crashes the JVM.
     */
    @DelicateAudioApi
    public fun readToAddresses(addresses: LongArray, frames: Int, copy: NativeCopy): Int {
        return consume(frames) { start, first, n ->
            copy.scatter(buffer, start, channels, addresses, 0, first)
            if (n > first) copy.scatter(buffer, 0, channels, addresses, first, n - first)
        }
    }

    /**
     * Producer side, for native callbacks with one buffer per channel (JACK ports): like
     * [writeFromAddress], but interleaves channel `c` from the float32 buffer at `addresses[c]`.
     * Returns the frames that fit. The same contract for [addresses] as [readToAddresses]
     * (readable).
     */
    @DelicateAudioApi
    public fun writeFromAddresses(addresses: LongArray, frames: Int, copy: NativeCopy): Int {
        return produce(frames) { start, first, n ->
            copy.gather(addresses, 0, buffer, start, channels, first)
            if (n > first) copy.gather(addresses, first, buffer, 0, channels, n - first)
        }
    }

    /**
     * The consumer half shared by every read: takes up to [frames] of the frames available,
     * lets [move] move them out of the buffer (frames from `start`, `first` of them before the
     * wrap-around, `n` in all), then publishes the new read index. Inline: no allocation.
     */
    private inline fun consume(frames: Int, move: (start: Int, first: Int, n: Int) -> Unit): Int {
        val r = idx.readIndex
        var available = idx.cachedWriteIndex - r
        if (available < frames) {
            idx.cachedWriteIndex = idx.writeIndexAcquire()
            available = idx.cachedWriteIndex - r
        }
        val n = minOf(frames.toLong(), available).toInt()
        if (n <= 0) return 0
        val start = (r and mask).toInt()
        move(start, minOf(n, capacityFrames - start), n)
        idx.readIndex = r + n
        idx.publishReadIndex(r + n)
        return n
    }

    /** The producer half shared by every write: like [consume], for free space and the write index. */
    private inline fun produce(frames: Int, move: (start: Int, first: Int, n: Int) -> Unit): Int {
        val w = idx.writeIndex
        var free = capacityFrames - (w - idx.cachedReadIndex)
        if (free < frames) {
            idx.cachedReadIndex = idx.readIndexAcquire()
            free = capacityFrames - (w - idx.cachedReadIndex)
        }
        val n = minOf(frames.toLong(), free).toInt()
        if (n <= 0) return 0
        val start = (w and mask).toInt()
        move(start, minOf(n, capacityFrames - start), n)
        idx.writeIndex = w + n
        idx.publishWriteIndex(w + n)
        return n
    }

    override fun toString(): String =
        "FloatRing(capacity=$capacityFrames frames × $channels ch, written=$totalWritten, read=$totalRead)"

    public companion object {
        /** Largest capacity accepted, in frames (2^24, about 5.8 minutes at 48 kHz). */
        public const val MAX_FRAMES: Int = 1 shl 24
    }
}
