package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamDiagnostics
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import java.util.function.Supplier

/**
 * Leak checks: open streams and live threads before and after a piece of work.
 *
 * ```
 * Leaks.checkNoLeaks {
 *     runBlocking { mic.input(config).take(10).collect() }
 * }
 * ```
 */
@OptIn(DelicateAudioApi::class)
public object Leaks {
    /** Live threads as `id:name` (by id: coroutine debug mode renames threads while they run coroutines). */
    @JvmStatic
    public fun liveThreads(): Set<String> =
        Thread.getAllStackTraces().keys.filter { it.isAlive }.map { "${it.id}:${it.name}" }.toSet()

    private fun ids(threads: Set<String>): Set<String> = threads.map { it.substringBefore(':') }.toSet()

    /**
     * Runs [block] and asserts that afterwards no more streams are open than before
     * ([StreamDiagnostics.openStreams]) and no thread was left behind, apart from threads whose
     * name matches [allowed] (shared pools that grow on demand). Returns what [block] returned.
     *
     * Blocks for [block], then up to two seconds while threads wind down.
     *
     * @throws AssertionError naming the streams count or the threads left behind.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun <T> checkNoLeaks(allowed: Regex = DEFAULT_ALLOWED, block: Supplier<T>): T {
        val before = liveThreads()
        val openBefore = StreamDiagnostics.openStreams
        val result = block.get()
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
    @JvmField
    public val DEFAULT_ALLOWED: Regex = Regex("^(DefaultDispatcher-worker|kotlinx.coroutines.DefaultExecutor|Common-Cleaner|Attach Listener|process reaper|ForkJoinPool)")
}
