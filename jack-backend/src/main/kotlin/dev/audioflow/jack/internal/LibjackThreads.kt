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
 * Which threads: the one `jack_client_open` started ([openedSince]: a new task named like the
 * opening thread, since a new thread inherits its creator's name, seen in its socket wait), and
 * every native thread seen in a callback ([enter]).
 * Without a usable `/proc` (not Linux, or an architecture whose system call numbers this class
 * does not know), the wait falls back to [inFlight] reaching zero and staying there for
 * [FALLBACK_QUIET_MILLIS].
 *
 * Thread-safe. [enter]/[exit] run on JACK's notification thread (not realtime: they may allocate).
 */
internal class LibjackThreads private constructor(opened: Set<Int>) {
    private val threads = ConcurrentHashMap.newKeySet<Int>().apply { addAll(opened) }
    private val inFlight = AtomicInteger()

    /**
     * Marks the current thread as inside a callback of this client, and watches it when it is a
     * native thread that joined the JVM for the client's callbacks (named [callbackThreadName]
     * when it attached). A JVM thread that runs a callback inside a libjack call it made keeps
     * its own name and is not watched: libjack never cancels it, and it parks on a futex, so
     * watching it would hold every close to the timeout.
     */
    fun enter(callbackThreadName: String) {
        inFlight.incrementAndGet()
        if (Thread.currentThread().name == callbackThreadName) tidOfThread.get()?.let { threads.add(it) }
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
        var quietSince = 0L
        return pollUninterruptibly(timeoutMillis) {
            val outside = inFlight.get() == 0 && threads.all { outsideJvm(it) }
            when {
                !outside -> { quietSince = 0L; false }
                arch != null -> true
                else -> {
                    val now = System.nanoTime()
                    if (quietSince == 0L) quietSince = now
                    now - quietSince >= FALLBACK_QUIET_MILLIS * 1_000_000
                }
            }
        }
    }

    /** The system call numbers this class reads from `/proc/self/task/TID/syscall`, per architecture. */
    private class Syscalls(val socketWaits: Set<Int>)

    companion object {
        private const val FALLBACK_QUIET_MILLIS = 50L
        private const val OPEN_SETTLE_MILLIS = 200L

        // The calls a libjack thread blocks in outside the JVM: its socket reads and writes and
        // their polls (never futex: a parked JVM thread waits there).
        private val arch: Syscalls? = when (System.getProperty("os.arch")) {
            "amd64", "x86_64" -> Syscalls(socketWaits = setOf(0, 1, 7, 23, 44, 45, 46, 47, 232, 270, 271, 281))
            "aarch64" -> Syscalls(socketWaits = setOf(22, 63, 64, 72, 73, 206, 207, 211, 212))
            else -> null
        }?.takeIf { Files.isDirectory(Path.of("/proc/self/task")) }

        /** Each thread's task id, read once per thread; null without a usable `/proc`. */
        private val tidOfThread: ThreadLocal<Int?> = ThreadLocal.withInitial {
            if (arch == null) null else try {
                Files.readSymbolicLink(Path.of("/proc/thread-self")).fileName.toString().toInt()
            } catch (_: Exception) {
                null
            }
        }

        /** The tasks of this process now; empty without a usable `/proc`. */
        fun snapshot(): Set<Int> = if (arch == null) emptySet() else try {
            Files.list(Path.of("/proc/self/task")).use { tasks -> tasks.map { it.fileName.toString().toInt() }.toList().toSet() }
        } catch (_: Exception) {
            emptySet()
        }

        /**
         * The threads libjack started since [before] was taken on the current thread (see the
         * class notes): of the new tasks named like this thread, the ones seen blocked in a
         * socket call within [OPEN_SETTLE_MILLIS], as libjack's notification thread soon is. A
         * JVM thread started meanwhile under the same name parks on a futex or runs, and is left out.
         */
        fun openedSince(before: Set<Int>): LibjackThreads {
            val syscalls = arch ?: return LibjackThreads(emptySet())
            val name = tidOfThread.get()?.let { comm(it) } ?: return LibjackThreads(emptySet())
            val candidates = (snapshot() - before).filter { comm(it) == name }
            var opened = emptySet<Int>()
            pollUninterruptibly(OPEN_SETTLE_MILLIS) {
                opened = candidates.filter { syscall(it) in syscalls.socketWaits }.toSet()
                opened.isNotEmpty()
            }
            return LibjackThreads(opened)
        }

        private fun comm(tid: Int): String? = read("/proc/self/task/$tid/comm")?.trim()

        /** The number of the system call [tid] is blocked in, -1 while it runs, null once it is gone. */
        private fun syscall(tid: Int): Int? {
            val text = read("/proc/self/task/$tid/syscall") ?: return null
            return text.substringBefore(' ').trim().toIntOrNull() ?: -1
        }

        /** Only called with [arch] known: the watched set is empty otherwise. */
        private fun outsideJvm(tid: Int): Boolean {
            val call = syscall(tid) ?: return true
            return call in arch!!.socketWaits
        }

        private fun read(path: String): String? = try {
            Files.readString(Path.of(path))
        } catch (_: Exception) {
            null
        }
    }
}
