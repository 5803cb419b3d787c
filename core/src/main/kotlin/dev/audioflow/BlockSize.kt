package dev.audioflow

/**
 * Frames per delivered block and per native callback, as in cpal's `BufferSize`.
 *
 * [Fixed] asks the backend for exactly that many frames per callback and delivers input in
 * blocks of that size; [Variable] lets the backend pick per callback (PortAudio's
 * `paFramesPerBufferUnspecified`), and input blocks then vary in size. Immutable.
 *
 * ```
 * StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(128))
 * StreamConfig(AudioFormat(48_000, 2), BlockSize.Variable)
 * ```
 */
public sealed class BlockSize {
    /** Frames the stream paces and sizes its rings by: [Fixed.frames], or [DEFAULT_FRAMES] for [Variable]. */
    public abstract val nominalFrames: Int

    /**
     * Exactly [frames] frames per block and per callback.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming [frames] outside 1..[MAX_FRAMES].
     */
    public data class Fixed(public val frames: Int) : BlockSize() {
        init {
            AudioException.require(frames in 1..MAX_FRAMES) { "block size must be in 1..$MAX_FRAMES frames, was $frames" }
        }

        override val nominalFrames: Int get() = frames

        override fun toString(): String = "$frames frames"
    }

    /** Whatever the backend delivers per callback; input blocks vary in size. */
    public object Variable : BlockSize() {
        override val nominalFrames: Int get() = DEFAULT_FRAMES

        override fun toString(): String = "variable"
    }

    public companion object {
        /** Largest block accepted: 2^20 frames. */
        public const val MAX_FRAMES: Int = 1 shl 20

        /** Frames of [DEFAULT], and the nominal size of a [Variable] block. */
        public const val DEFAULT_FRAMES: Int = 256

        /** The block size used when the caller gives none: 256 frames. */
        @JvmField public val DEFAULT: BlockSize = Fixed(DEFAULT_FRAMES)

        /** [Variable], for Java (`BlockSize.variable()`). */
        @JvmStatic
        public fun variable(): Variable = Variable
    }
}
