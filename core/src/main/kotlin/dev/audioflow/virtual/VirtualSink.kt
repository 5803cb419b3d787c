package dev.audioflow.virtual

import dev.audioflow.AudioFormat

/**
 * What a virtual output device does with the frames it plays. Receives only frames the
 * application delivered (underflow silence is reported in stats, not passed here).
 */
public fun interface VirtualSink {
    /**
     * Called on the driver's coroutine with [frames] interleaved frames at the start of
     * [samples] (which the driver reuses afterwards: copy what you keep), played from frame
     * [position] of the device's timeline on (which counts the frames of underflow silence too,
     * so a gap in the positions is silence the device played).
     */
    public fun accept(samples: FloatArray, frames: Int, format: AudioFormat, position: Long)

    public companion object {
        /** Discards everything (a null device). */
        @JvmStatic
        public fun discard(): VirtualSink = VirtualSink { _, _, _, _ -> }
    }
}

/**
 * A sink that keeps what was played in memory, up to [maxFrames] frames (older frames are kept,
 * later ones counted but not stored), and calls [onBlock] for each delivery.
 *
 * Thread-safe: the driver appends while tests read [captured] and [frames].
 */
public class CapturingSink @JvmOverloads constructor(
    private val maxFrames: Long = Long.MAX_VALUE,
    private val onBlock: Observer? = null,
) : VirtualSink {
    /**
     * Told of each delivery, on the driver's coroutine, before it is stored.
     * Java: `new CapturingSink(48_000, (samples, frames, position) -> ...)`.
     */
    public fun interface Observer {
        /**
         * Called for each delivery of [frames] interleaved frames at the start of [samples]
         * (reused afterwards: copy what you keep), played at stream position [position]; an
         * exception fails the stream.
         */
        public fun played(samples: FloatArray, frames: Int, position: Long)
    }

    private var data = FloatArray(0)
    private var size = 0
    private var total = 0L
    private var channels = 0

    /** Frames played so far (stored or not). */
    public val frames: Long get() = synchronized(this) { total }

    override fun accept(samples: FloatArray, frames: Int, format: AudioFormat, position: Long) {
        onBlock?.played(samples, frames, position)
        synchronized(this) {
            channels = format.channels
            total += frames
            val keep = minOf(frames.toLong(), maxFrames - size / maxOf(1, channels)).toInt().coerceAtLeast(0)
            val needed = size + keep * channels
            if (needed > data.size) data = data.copyOf(maxOf(needed, data.size * 2))
            System.arraycopy(samples, 0, data, size, keep * channels)
            size = needed
        }
    }

    /** A copy of the stored interleaved samples. */
    public fun captured(): FloatArray = synchronized(this) { data.copyOf(size) }

    /** Forgets everything captured. */
    public fun clear(): Unit = synchronized(this) {
        data = FloatArray(0)
        size = 0
        total = 0
    }
}
