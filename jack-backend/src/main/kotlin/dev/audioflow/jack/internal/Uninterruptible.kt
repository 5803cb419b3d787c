package dev.audioflow.jack.internal

/**
 * Polls [condition] every millisecond until it holds (true) or [timeoutMillis] passed (false),
 * on the calling thread. An interrupt does not cut the wait short: the JACK lifecycle waits that
 * use it (a process thread's first cycle, libjack's threads leaving the JVM) guard against a JVM
 * abort, so the interrupt is kept and set again on return. Blocks; never throws.
 *
 * ```
 * pollUninterruptibly(500) { dispatcher.cycles > since }
 * ```
 */
internal inline fun pollUninterruptibly(timeoutMillis: Long, condition: () -> Boolean): Boolean {
    val deadline = System.nanoTime() + timeoutMillis * 1_000_000
    var interrupted = false
    try {
        while (true) {
            if (condition()) return true
            if (System.nanoTime() >= deadline) return false
            try {
                Thread.sleep(1)
            } catch (_: InterruptedException) {
                interrupted = true
            }
        }
    } finally {
        if (interrupted) Thread.currentThread().interrupt()
    }
}
