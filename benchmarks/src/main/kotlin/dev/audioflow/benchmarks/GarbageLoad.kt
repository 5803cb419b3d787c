package dev.audioflow.benchmarks

import java.lang.management.GarbageCollectorMXBean
import java.lang.management.ManagementFactory
import java.util.concurrent.locks.LockSupport

/**
 * An application side that makes garbage at a fixed rate, for benchmarks/gc-stress/run: a daemon
 * thread allocates `byte[]` chunks of [chunkBytes], paced to [megabytesPerSecond], and keeps the
 * last [liveChunks] of them reachable, so that the young collections it causes also have some
 * live data to copy (as a real application's would), and some chunks survive into the old
 * generation.
 *
 * Hand-written: the point is a known, steady allocation rate in the process under test, which no
 * load generator provides from outside the JVM.
 *
 *   GarbageLoadKt MB_PER_SECOND SECONDS     (a process that only makes garbage, for the C case)
 */
class GarbageLoad(
    private val megabytesPerSecond: Int,
    private val chunkBytes: Int = 64 * 1024,
    private val liveChunks: Int = 256,
) : AutoCloseable {
    @Volatile private var running = true
    @Volatile private var allocated = 0L
    private val thread = Thread(::run, "garbage-load").apply { isDaemon = true }

    /** Bytes allocated so far. */
    val allocatedBytes: Long get() = allocated

    /** Starts allocating; returns this. */
    fun start(): GarbageLoad = apply { if (megabytesPerSecond > 0) thread.start() }

    private fun run() {
        val live = arrayOfNulls<ByteArray>(liveChunks)
        val nanosPerChunk = 1_000_000_000.0 * chunkBytes / (megabytesPerSecond * 1_000_000.0)
        val start = System.nanoTime()
        var chunks = 0L
        while (running) {
            val chunk = ByteArray(chunkBytes)
            chunk[(chunks % chunkBytes).toInt()] = 1
            live[(chunks % liveChunks).toInt()] = chunk
            chunks++
            allocated = chunks * chunkBytes
            val due = start + (chunks * nanosPerChunk).toLong()
            val wait = due - System.nanoTime()
            if (wait > 0) LockSupport.parkNanos(wait)
        }
    }

    override fun close() {
        running = false
        if (thread.isAlive) thread.join(1_000)
    }

    companion object {
        /** "collections=N pauseMillis=T collector=NAME..." from the JVM's collector beans, since start. */
        fun collectorTotals(): String {
            val beans: List<GarbageCollectorMXBean> = ManagementFactory.getGarbageCollectorMXBeans()
            return beans.joinToString(" ") { "${it.name.replace(' ', '_')}=${it.collectionCount}/${it.collectionTime}ms" }
        }
    }
}

/** A process that only makes garbage: `GarbageLoadKt MB_PER_SECOND SECONDS`. */
fun main(args: Array<String>) {
    require(args.size == 2) { "usage: GarbageLoadKt MB_PER_SECOND SECONDS" }
    GarbageLoad(args[0].toInt()).start().use { load ->
        Thread.sleep((args[1].toDouble() * 1000).toLong())
        println("allocatedMB=${load.allocatedBytes / 1_000_000} ${GarbageLoad.collectorTotals()}")
    }
}
