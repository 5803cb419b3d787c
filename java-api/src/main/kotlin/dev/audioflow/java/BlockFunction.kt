package dev.audioflow.java

import dev.audioflow.FloatBlock

/**
 * Java code that turns one block into another, for [Signal.map].
 *
 * **Thread.** Runs on the pipeline's thread (see [Signal]), never on a device's realtime
 * thread, one block at a time and in stream order; it may allocate, log and take locks, but
 * while it runs no further audio moves.
 *
 * **Errors.** Whatever it throws, checked exceptions included, ends the pipeline: the
 * device is closed and the exception becomes the pipeline's failure.
 *
 * ```java
 * signal.map(block -> new FloatBlock(block.getFormat(), process(block.getSamples()), block.getFrameIndex(), block.getTimestampNanos(), block.getStatus()));
 * ```
 */
public fun interface BlockFunction {
    /**
     * The block to pass on instead of [block]; it may be [block] itself.
     *
     * @throws Exception to end the pipeline with it.
     */
    @Throws(Exception::class)
    public fun apply(block: FloatBlock): FloatBlock
}
