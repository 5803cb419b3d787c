package dev.audioflow

/**
 * Glitches that affected the frames of one [FloatBlock]: overflow, underflow, priming and how
 * many frames were dropped just before the block's first frame.
 *
 * Immutable. The all-clear value is the shared [CLEAR] instance, so the common case allocates
 * nothing; [or] returns one of its operands whenever the other adds nothing.
 *
 * @property flags bit set of the `*_OVERFLOW`/`*_UNDERFLOW`/`PRIMING_OUTPUT`/`XRUN` constants.
 * @property droppedFrames frames lost (never delivered) between the previous block and this one.
 */
public class BlockStatus private constructor(public val flags: Int, public val droppedFrames: Long) {

    /** True when no flag is set and no frame was dropped. */
    public val isClear: Boolean get() = flags == 0 && droppedFrames == 0L

    /** Input data arrived faster than it was consumed and some was dropped. */
    public val inputOverflow: Boolean get() = has(INPUT_OVERFLOW)

    /** The device delivered silence because no input was available. */
    public val inputUnderflow: Boolean get() = has(INPUT_UNDERFLOW)

    /** The device played silence because the application supplied too little output. */
    public val outputUnderflow: Boolean get() = has(OUTPUT_UNDERFLOW)

    /** Output supplied by the application was discarded. */
    public val outputOverflow: Boolean get() = has(OUTPUT_OVERFLOW)

    /** These frames prime the output buffers before the stream really starts. */
    public val primingOutput: Boolean get() = has(PRIMING_OUTPUT)

    /** The server (JACK) reported an xrun during these frames. */
    public val xrun: Boolean get() = has(XRUN)

    /** True when [flag] (one of the constants) is set. */
    public fun has(flag: Int): Boolean = flags and flag != 0

    /** Both statuses combined: flags OR-ed, dropped frames added. */
    public infix fun or(other: BlockStatus): BlockStatus = when {
        other.isClear -> this
        isClear -> other
        else -> of(flags or other.flags, droppedFrames + other.droppedFrames)
    }

    override fun equals(other: Any?): Boolean =
        other is BlockStatus && other.flags == flags && other.droppedFrames == droppedFrames

    override fun hashCode(): Int = 31 * flags + droppedFrames.hashCode()

    override fun toString(): String {
        if (isClear) return "BlockStatus(clear)"
        val names = NAMES.filter { has(it.first) }.joinToString("|") { it.second }
        return if (droppedFrames > 0) "BlockStatus($names, dropped=$droppedFrames)" else "BlockStatus($names)"
    }

    public companion object {
        /** Input overflow: frames captured by the device were dropped. */
        public const val INPUT_OVERFLOW: Int = 1

        /** Input underflow: the device inserted silence into the input. */
        public const val INPUT_UNDERFLOW: Int = 2

        /** Output underflow: the device played silence for missing output. */
        public const val OUTPUT_UNDERFLOW: Int = 4

        /** Output overflow: output frames were discarded. */
        public const val OUTPUT_OVERFLOW: Int = 8

        /** Priming output: the callback is filling output buffers before the stream starts. */
        public const val PRIMING_OUTPUT: Int = 16

        /** The audio server reported an xrun. */
        public const val XRUN: Int = 32

        /** Every defined flag. */
        public const val ALL_FLAGS: Int = 63

        private val NAMES = listOf(
            INPUT_OVERFLOW to "inputOverflow", INPUT_UNDERFLOW to "inputUnderflow",
            OUTPUT_UNDERFLOW to "outputUnderflow", OUTPUT_OVERFLOW to "outputOverflow",
            PRIMING_OUTPUT to "primingOutput", XRUN to "xrun",
        )

        /** The shared all-clear status. */
        @JvmField public val CLEAR: BlockStatus = BlockStatus(0, 0)

        /**
         * The status with [flags] and [droppedFrames]; [CLEAR] (no allocation) when both are zero.
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] for unknown flag bits or a negative count.
         */
        @JvmStatic
        @JvmOverloads
        public fun of(flags: Int, droppedFrames: Long = 0): BlockStatus {
            AudioException.require(flags and ALL_FLAGS.inv() == 0) { "unknown BlockStatus flag bits ${flags and ALL_FLAGS.inv()}" }
            AudioException.require(droppedFrames >= 0) { "droppedFrames must be >= 0, was $droppedFrames" }
            return if (flags == 0 && droppedFrames == 0L) CLEAR else BlockStatus(flags, droppedFrames)
        }
    }
}
