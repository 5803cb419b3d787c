package dev.audioflow

import java.util.concurrent.atomic.AtomicInteger

/**
 * Process-wide counts for leak checks: how many streams are open right now.
 *
 * A stream counts from the moment its backend opened it until its `close` has returned, so a
 * value above zero after every collector has finished means a leak. For leak checks in tests
 * (the `testing` module's `Leaks`); applications have no use for it. Thread-safe.
 *
 * ```
 * val before = StreamDiagnostics.openStreams
 * runPipeline()
 * check(StreamDiagnostics.openStreams == before)
 * ```
 */
@DelicateAudioApi
public object StreamDiagnostics {
    private val open = AtomicInteger()
    private val opened = AtomicInteger()

    /** Streams currently open, across all backends. */
    @JvmStatic
    public val openStreams: Int get() = open.get()

    /** Streams opened since the JVM started. */
    @JvmStatic
    public val totalOpened: Int get() = opened.get()

    internal fun onOpen() {
        open.incrementAndGet()
        opened.incrementAndGet()
    }

    internal fun onClose() {
        open.decrementAndGet()
    }
}
