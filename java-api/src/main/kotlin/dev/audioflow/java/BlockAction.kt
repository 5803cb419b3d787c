package dev.audioflow.java

import dev.audioflow.FloatBlock

/**
 * Java code that looks at one block, for [Signal.onBlock], [Signal.onStatus] and
 * [Sinks.consumer].
 *
 * **Thread.** Runs on the pipeline's thread (see [Signal]), never on a device's realtime
 * thread, one block at a time and in stream order. Blocks are immutable and may be kept.
 *
 * **Errors.** Whatever it throws, checked exceptions included, ends the pipeline: the
 * device is closed and the exception becomes the pipeline's failure.
 *
 * ```java
 * signal.onStatus(block -> log.warn("glitch at frame {}: {}", block.getFrameIndex(), block.getStatus()));
 * ```
 */
public fun interface BlockAction {
    /**
     * Handles [block].
     *
     * @throws Exception to end the pipeline with it.
     */
    @Throws(Exception::class)
    public fun accept(block: FloatBlock)
}
