package dev.audioflow.java

/**
 * A listener registered with [Feed.listen]; [close] removes it.
 *
 * Thread-safe and idempotent. [close] returns once the feed has stopped watching (so, for
 * example, a MIDI port may be listened to again at once) and no new value will be handed to the
 * listener's executor; a task already handed over may still run. Called from the listener itself
 * while it runs on the feed's thread (`Runnable::run`), it only requests the stop. Not
 * interruptible, so that it fits try-with-resources: interrupted, it still waits, then returns
 * with the thread's interrupt flag set again.
 *
 * ```java
 * try (Registration r = stream.getWatch().stats().listen(ui::execute, stats -> label.setText(stats.toString()))) {
 *     stream.awaitCompletion();
 * }
 * ```
 */
public fun interface Registration : AutoCloseable {
    /** Removes the listener. */
    override fun close()
}
