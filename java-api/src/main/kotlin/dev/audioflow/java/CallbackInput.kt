package dev.audioflow.java

import dev.audioflow.FloatBlock
import dev.audioflow.StreamMonitor
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch

/**
 * Receives the blocks of an input stream; see [Audio.openInput].
 *
 * **Thread.** Called on the stream's own thread (named `audioflow-java-callback-N`), never on
 * the device's realtime thread, one block at a time and in stream order. It may allocate, log
 * and take locks; if it takes longer than a block's duration for long enough to fill the
 * device ring, frames are dropped and the next block's status says so.
 *
 * **Ownership.** The block belongs to the callback, which may keep it.
 *
 * **Errors.** An exception thrown here stops the stream and closes the device; it becomes the
 * exceptional result of [AudioStream.completion].
 */
public fun interface BlockCallback {
    /** Handles one block of captured audio. */
    public fun onBlock(block: FloatBlock)
}

/**
 * An input stream that pushes each captured block to a [BlockCallback], like
 * python-sounddevice's `InputStream(callback=...)` but on a non-realtime thread.
 *
 * Created by [Audio.openInput]. The stream runs until its input ends, the callback throws, or
 * it is closed; wait for the end with [awaitCompletion] or [completion].
 */
public class CallbackInput internal constructor(
    flow: (StreamMonitor) -> Flow<FloatBlock>,
    callback: BlockCallback,
) : AudioStream("callback") {
    override val job: Job = thread.scope.launch {
        flow(monitor).collect { callback.onBlock(it) }
    }.also { watch(it) }
}
