@file:OptIn(DelicateAudioApi::class)

package dev.audioflow

import dev.audioflow.spi.StatusFlags

/**
 * Glitches that affected the frames of one [FloatBlock]: overflow, underflow, priming and how
 * many frames were dropped just before the block's first frame.
 *
 * Immutable. The all-clear value is the shared [CLEAR] instance, so the common case allocates
 * nothing; [or] returns one of its operands whenever the other adds nothing.
 *
 * ```
 * mic.input(config).collect { block -> if (block.status.inputOverflow) log("lost ${block.status.droppedFrames} frames") }
 * ```
 *
 * @property droppedFrames frames lost between the previous block and this one: captured frames
 *   never delivered and, on a [resync] block, queued output frames the stream skipped.
 */
public class BlockStatus private constructor(internal val flags: Int, public val droppedFrames: Long) {

    /** True when no flag is set and no frame was dropped. */
    public val isClear: Boolean get() = flags == 0 && droppedFrames == 0L

    /** Input data arrived faster than it was consumed and some was dropped. */
    public val inputOverflow: Boolean get() = has(StatusFlags.INPUT_OVERFLOW)

    /** The device delivered silence because no input was available. */
    public val inputUnderflow: Boolean get() = has(StatusFlags.INPUT_UNDERFLOW)

    /** The device played silence because the application supplied too little output. */
    public val outputUnderflow: Boolean get() = has(StatusFlags.OUTPUT_UNDERFLOW)

    /** Output supplied by the application was discarded. */
    public val outputOverflow: Boolean get() = has(StatusFlags.OUTPUT_OVERFLOW)

    /** These frames prime the output buffers before the stream really starts. */
    public val primingOutput: Boolean get() = has(StatusFlags.PRIMING_OUTPUT)

    /** The server (JACK) reported an xrun during these frames. */
    public val xrun: Boolean get() = has(StatusFlags.XRUN)

    /**
     * A duplex stream skipped queued output ([droppedFrames] of it) during these frames' cycles to
     * return to its target latency after an underflow had delayed it.
     */
    public val resync: Boolean get() = has(StatusFlags.RESYNC)

    private fun has(flag: Int): Boolean = flags and flag != 0

    /** Both statuses combined: flags OR-ed, dropped frames added. */
    public infix fun or(other: BlockStatus): BlockStatus = when {
        other.isClear -> this
        isClear -> other
        else -> ofFlags(flags or other.flags, droppedFrames + other.droppedFrames)
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
        private val NAMES = listOf(
            StatusFlags.INPUT_OVERFLOW to "inputOverflow", StatusFlags.INPUT_UNDERFLOW to "inputUnderflow",
            StatusFlags.OUTPUT_UNDERFLOW to "outputUnderflow", StatusFlags.OUTPUT_OVERFLOW to "outputOverflow",
            StatusFlags.PRIMING_OUTPUT to "primingOutput", StatusFlags.XRUN to "xrun", StatusFlags.RESYNC to "resync",
        )

        /** The shared all-clear status. */
        @JvmField public val CLEAR: BlockStatus = BlockStatus(0, 0)

        /**
         * The status with the given glitches and [droppedFrames]; [CLEAR] (no allocation) when
         * nothing is set. For tests and operators that make up blocks; streams set statuses themselves.
         *
         * ```
         * FloatBlock(format, samples, status = BlockStatus.of(inputOverflow = true, droppedFrames = 64))
         * ```
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] for a negative [droppedFrames].
         */
        @JvmStatic
        @JvmOverloads
        public fun of(
            inputOverflow: Boolean = false,
            inputUnderflow: Boolean = false,
            outputUnderflow: Boolean = false,
            outputOverflow: Boolean = false,
            primingOutput: Boolean = false,
            xrun: Boolean = false,
            droppedFrames: Long = 0,
            resync: Boolean = false,
        ): BlockStatus {
            var flags = 0
            if (inputOverflow) flags = flags or StatusFlags.INPUT_OVERFLOW
            if (inputUnderflow) flags = flags or StatusFlags.INPUT_UNDERFLOW
            if (outputUnderflow) flags = flags or StatusFlags.OUTPUT_UNDERFLOW
            if (outputOverflow) flags = flags or StatusFlags.OUTPUT_OVERFLOW
            if (primingOutput) flags = flags or StatusFlags.PRIMING_OUTPUT
            if (xrun) flags = flags or StatusFlags.XRUN
            if (resync) flags = flags or StatusFlags.RESYNC
            return ofFlags(flags, droppedFrames)
        }

        /**
         * The status with [StatusFlags] bits [flags] (unknown bits ignored) and [droppedFrames];
         * [CLEAR] when both are zero.
         */
        internal fun ofFlags(flags: Int, droppedFrames: Long = 0): BlockStatus {
            AudioException.require(droppedFrames >= 0) { "droppedFrames must be >= 0, was $droppedFrames" }
            val known = flags and StatusFlags.ALL
            return if (known == 0 && droppedFrames == 0L) CLEAR else BlockStatus(known, droppedFrames)
        }
    }
}
