package dev.audioflow.jack.internal

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * The non-realtime threads libjack runs for one client (its notification thread), and whether
 * each is outside the JVM, so that the client is closed only when none of them can be.
 *
 * Why: `jack_client_close` stops the notification thread with `pthread_cancel`, and libjack
 * makes its threads *asynchronously* cancellable (`PTHREAD_CANCEL_ASYNCHRONOUS`, jack2's
 * JackPosixThread default). A cancel that lands while that thread is inside the JVM — in a
 * notification callback, or in JNA's attach of its first callback — unwinds JVM frames and
 * tears down a half-attached `JavaThread`: glibc's "double free or corruption" abort (issue 19,
 * defect 2). libjack delivers notifications to a client's callbacks only while it is active, so
 * after `jack_deactivate` the notification thread enters the JVM only to finish a callback it
 * had already begun, or for the shutdown callback (unregistered before the wait). The wait then
 * ends when every thread is blocked in a socket call (libjack's own code, waiting for the next
 * notification, which will not reach the JVM) or has exited, which `/proc/self/task/TID/syscall`
 * tells on Linux. There is no library for this: it is one read of a proc file per thread.
 *
 * Which threads: the ones `jack_client_open` started ([openedSince]: new tasks named like the
 * opening thread, since a new thread inherits its creator's name, that are not waiting on a
 * futex as a parked JVM thread would), and every thread seen in a callback ([enter]).
 * Where `/proc` is missing (not Linux), the wait falls back to [inFlight] reaching zero and
 * staying there for [FALLBACK_QUIET_MILLIS].
 *
 * Thread-safe. [enter]/[exit] run on JACK's notification thread (not realtime: they may allocate).
 */
internal class LibjackThreads private constructor(opened: Set<Int>) {
    private val threads = ConcurrentHashMap.newKeySet<Int>().apply { addAll(opened) }
    private val inFlight = AtomicInteger()

    /** Marks the current thread as inside a callback of this client. */
    fun enter() {
        inFlight.incrementAndGet()
        currentTid()?.let { if (it !in threads) threads.add(it) }
    }

    /** Marks the end of the callback begun by [enter]. */
    fun exit() {
        inFlight.decrementAndGet()
    }

    /** The threads watched, for diagnosis. */
    fun watched(): Set<Int> = threads.toSet()

    /**
     * Waits until no callback is in flight and every watched thread is outside the JVM, or
     * [timeoutMillis] passed. True when it is safe to let libjack cancel them. Keeps an
     * interrupt for the caller: a close must not be cut short into a crash.
     */
    fun awaitOutsideJvm(timeoutMillis: Long): Boolean {
        val deadline = System.nanoTime() + timeoutMillis * 1_000_000
        var interrupted = false
        var quietSince = 0L
        try {
            while (true) {
                val now = System.nanoTime()
                val outside = inFlight.get() == 0 && threads.all { outsideJvm(it) }
                if (outside) {
                    if (procAvailable) return true
                    if (quietSince == 0L) quietSince = now
                    if (now - quietSince >= FALLBACK_QUIET_MILLIS * 1_000_000) return true
                } else {
                    quietSince = 0L
                }
                if (now >= deadline) return false
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

    companion object {
        private const val FALLBACK_QUIET_MILLIS = 50L
        private val procAvailable = Files.isDirectory(Path.of("/proc/self/task"))

        // x86_64 and aarch64 numbers of the calls a libjack thread blocks in outside the JVM:
        // its socket reads and writes and their polls (never futex: a parked JVM thread waits there).
        private val socketWaits: Set<Int> = when (System.getProperty("os.arch")) {
            "amd64", "x86_64" -> setOf(0, 1, 7, 23, 44, 45, 46, 47, 232, 270, 271, 281)
            "aarch64" -> setOf(63, 64, 72, 73, 206, 207, 211, 212, 22)
            else -> emptySet()
        }

        /** The tasks of this process now; empty where `/proc` is missing. */
        fun snapshot(): Set<Int> = if (!procAvailable) emptySet() else try {
            Files.list(Path.of("/proc/self/task")).use { tasks -> tasks.map { it.fileName.toString().toInt() }.toList().toSet() }
        } catch (_: Exception) {
            emptySet()
        }

        /** The threads libjack started since [before] was taken on the current thread (see the class notes). */
        fun openedSince(before: Set<Int>): LibjackThreads {
            val name = currentTid()?.let { comm(it) }
            val opened = if (name == null) emptySet() else (snapshot() - before).filter { comm(it) == name && syscall(it) != FUTEX }.toSet()
            return LibjackThreads(opened)
        }

        private val FUTEX = when (System.getProperty("os.arch")) {
            "aarch64" -> 98
            else -> 202
        }

        private fun currentTid(): Int? = if (!procAvailable) null else try {
            Files.readSymbolicLink(Path.of("/proc/thread-self")).fileName.toString().toInt()
        } catch (_: Exception) {
            null
        }

        private fun comm(tid: Int): String? = read("/proc/self/task/$tid/comm")?.trim()

        /** The number of the system call [tid] is blocked in, -1 while it runs, null once it is gone. */
        private fun syscall(tid: Int): Int? {
            val text = read("/proc/self/task/$tid/syscall") ?: return null
            return text.substringBefore(' ').trim().toIntOrNull() ?: -1
        }

        private fun outsideJvm(tid: Int): Boolean {
            if (!procAvailable) return true
            val call = syscall(tid) ?: return true
            return call in socketWaits
        }

        private fun read(path: String): String? = try {
            String(Files.readAllBytes(Path.of(path)))
        } catch (_: Exception) {
            null
        }
    }
}
