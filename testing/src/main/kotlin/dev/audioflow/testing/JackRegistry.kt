package dev.audioflow.testing

import java.io.File
import java.io.RandomAccessFile
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardOpenOption

/**
 * Housekeeping of jackd2's shared-memory server registry (`/dev/shm/jack-shm-registry`) for the
 * test fixtures.
 *
 * jackd2 keeps eight server slots in that segment. A server frees its slot when it exits
 * cleanly; a crashed or SIGKILLed one leaves it behind, and jackd reclaims a dead slot only when
 * a new server of the *same name* registers. Test servers have unique names, so every crash
 * (a fault test, a killed surefire fork, a killed build) costs the machine a slot for good, and
 * after eight of them no jackd starts at all ("Too many servers already active"). That is what
 * failed a CI run. [reclaimDeadSlots] frees the slots of servers whose process is gone, and
 * [removeStaleFiles] the semaphores and sockets that dead test servers leave in `/dev/shm`.
 *
 * Hand-written because no JACK tool or library call clears another server's slot. The layout
 * (jack2 `common/shm.h`): a header of magic `JACK`, protocol, type, segment size, header length
 * and entry length (24 bytes), then the eight server entries, each a pid followed by its name,
 * `(headerLength - 24) / 8` bytes apart. Anything that does not look like that is left alone.
 *
 * Not thread-safe on its own; [JackServer] calls it under a file lock shared by every test JVM
 * on the machine. Blocks on file I/O (microseconds).
 */
internal object JackRegistry {
    private val registry: Path = Paths.get("/dev/shm/jack-shm-registry")
    private val shm: File = File("/dev/shm")
    private const val MAGIC = 0x4a41434b
    private const val SLOTS = 8
    private const val HEADER = 24
    private val testServer = Regex("audioflow-test-(\\d+)-")

    /** A lock file every fixture JVM takes around registry edits and server starts. */
    private val lockFile: Path = Paths.get(System.getProperty("java.io.tmpdir"), "audioflow-jack-registry.lock")

    /** Runs [block] holding the machine-wide fixture lock. */
    fun <T> locked(block: () -> T): T =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE).use { channel ->
            channel.lock().use { block() }
        }

    /**
     * Under [locked]: frees the slots of dead servers ([reclaimDeadSlots]) and their `/dev/shm`
     * files ([removeStaleFiles]); returns the slots still in use.
     */
    fun reclaim(): Map<Long, String> = locked {
        reclaimDeadSlots()
        removeStaleFiles()
        slots()
    }

    /** The slots in use, as pid to server name (`jack-UID:NAME:`); empty when there is no registry. */
    fun slots(): Map<Long, String> = read { buffer, stride ->
        buildMap {
            for (slot in 0 until SLOTS) {
                val at = HEADER + slot * stride
                val pid = buffer.getInt(at).toLong()
                if (pid != 0L) put(pid, name(buffer, at + 4, stride - 4))
            }
        }
    } ?: emptyMap()

    /** Frees every slot whose server process no longer exists; returns the names freed. */
    fun reclaimDeadSlots(): List<String> {
        if (!Files.isWritable(registry)) return emptyList()
        return try {
            RandomAccessFile(registry.toFile(), "rw").use { file ->
                val channel = file.channel
                val buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, minOf(channel.size(), 64L * 1024))
                    .order(ByteOrder.nativeOrder())
                val stride = stride(buffer) ?: return emptyList()
                buildList {
                    for (slot in 0 until SLOTS) {
                        val at = HEADER + slot * stride
                        val pid = buffer.getInt(at).toLong()
                        if (pid == 0L || alive(pid)) continue
                        add(name(buffer, at + 4, stride - 4))
                        buffer.putInt(at, 0)
                        for (i in 4 until stride) buffer.put(at + i, 0)
                    }
                }
            }
        } catch (_: java.io.IOException) {
            emptyList()
        }
    }

    /**
     * Deletes the `/dev/shm` semaphores and sockets of test servers ([JackServer] names them
     * `audioflow-test-JVMPID-...`) whose JVM is gone; returns how many files it deleted.
     */
    fun removeStaleFiles(): Int {
        val files = shm.listFiles() ?: return 0
        return files.count { file ->
            val jvm = testServer.find(file.name)?.groupValues?.get(1)?.toLongOrNull() ?: return@count false
            !alive(jvm) && file.delete()
        }
    }

    private fun alive(pid: Long): Boolean = ProcessHandle.of(pid).map { it.isAlive }.orElse(false)

    private fun stride(buffer: ByteBuffer): Int? {
        if (buffer.capacity() < HEADER || buffer.getInt(0) != MAGIC) return null
        val headerLength = buffer.getInt(16)
        val stride = (headerLength - HEADER) / SLOTS
        return stride.takeIf { it > 4 && HEADER + SLOTS * it <= buffer.capacity() }
    }

    private fun name(buffer: ByteBuffer, at: Int, max: Int): String {
        val bytes = ByteArray(max) { buffer.get(at + it) }
        val end = bytes.indexOf(0).let { if (it < 0) max else it }
        return String(bytes, 0, end, Charsets.UTF_8)
    }

    private fun <T> read(block: (ByteBuffer, Int) -> T): T? {
        if (!Files.isReadable(registry)) return null
        return try {
            FileChannel.open(registry, StandardOpenOption.READ).use { channel ->
                val buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, minOf(channel.size(), 64L * 1024))
                    .order(ByteOrder.nativeOrder())
                stride(buffer)?.let { block(buffer, it) }
            }
        } catch (_: java.io.IOException) {
            null
        }
    }
}
