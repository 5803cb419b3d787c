package dev.audioflow.testing

import dev.audioflow.StreamDiagnostics
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking

/**
 * Leak checks shared by every module's tests: open streams and live threads before and after a
 * piece of work.
 */
object Leaks {
    /** Live threads as `id:name` (by id: coroutine debug mode renames threads while they run coroutines). */
    fun liveThreads(): Set<String> =
        Thread.getAllStackTraces().keys.filter { it.isAlive }.map { "${it.id}:${it.name}" }.toSet()

    private fun ids(threads: Set<String>): Set<String> = threads.map { it.substringBefore(':') }.toSet()

    /**
     * Runs [block] and asserts that afterwards no stream is open and no thread was left behind,
     * apart from threads whose name matches [allowed] (shared pools that grow on demand).
     */
    fun <T> checkNoLeaks(allowed: Regex = DEFAULT_ALLOWED, block: () -> T): T {
        val before = liveThreads()
        val openBefore = StreamDiagnostics.openStreams
        val result = block()
        StreamDiagnostics.openStreams shouldBe openBefore
        val beforeIds = ids(before)
        val extra = settle { liveThreads().filterNot { it.substringBefore(':') in beforeIds }.toSet() }
            .filterNot { allowed.containsMatchIn(it.substringAfter(':')) }
        extra shouldBe emptySet()
        return result
    }

    /** Retries [probe] for up to two seconds until it returns an empty set; returns the last value. */
    private fun settle(probe: () -> Set<String>): Set<String> = runBlocking {
        var last = probe()
        repeat(40) {
            if (last.isEmpty()) return@runBlocking last
            delay(50)
            last = probe()
        }
        last
    }

    /** Pool threads that exist independently of any stream. */
    val DEFAULT_ALLOWED = Regex("^(DefaultDispatcher-worker|kotlinx.coroutines.DefaultExecutor|Common-Cleaner|Attach Listener|process reaper|ForkJoinPool)")
}
