package dev.audioflow.portaudio.internal

import java.io.IOException
import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardWatchEventKinds
import java.nio.file.WatchService

/**
 * What PortAudio's device list may have changed under: on Linux, the ALSA device nodes
 * (`/dev/snd`, where a sound card's nodes appear and vanish as it is plugged and unplugged) and
 * the ALSA configuration files (`ALSA_CONFIG_PATH`, or the system's and the user's), watched
 * through a [WatchService]. [changed] polls it without blocking, so no thread of its own is
 * needed. Where none of these exist (macOS, Windows) it watches nothing and never reports a
 * change: the device list then changes only on an explicit refresh.
 */
internal class DeviceNodeWatch(
    private val directories: List<Path> = defaultDirectories(),
    private val files: Set<Path> = defaultConfigFiles(),
) : AutoCloseable {
    private val service: WatchService? = directories.filter { Files.isDirectory(it) }.takeIf { it.isNotEmpty() }?.let { dirs ->
        try {
            FileSystems.getDefault().newWatchService().also { service ->
                for (dir in dirs) {
                    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY)
                }
            }
        } catch (_: IOException) {
            null
        }
    }

    /** Whether anything is watched at all. */
    val watching: Boolean get() = service != null

    @Volatile private var pending = false

    /**
     * True once since a watched node or configuration file was created, deleted or modified
     * (the change stays pending through [keepPending] until it could be acted on). Never blocks.
     */
    fun changed(): Boolean {
        val watch = service ?: return false
        while (true) {
            val key = watch.poll() ?: break
            val dir = key.watchable() as Path
            for (event in key.pollEvents()) {
                val name = event.context() as? Path ?: continue
                val path = dir.resolve(name)
                if (dir.toString() == DEV_SND || path in files) pending = true
            }
            key.reset()
        }
        return pending.also { pending = false }
    }

    /** Keeps a change reported by [changed] pending: it could not be acted on yet (a stream is open). */
    fun keepPending() {
        pending = true
    }

    override fun close() {
        service?.close()
    }

    private companion object {
        const val DEV_SND = "/dev/snd"

        fun defaultConfigFiles(): Set<Path> {
            val configured = System.getenv("ALSA_CONFIG_PATH")?.split(':')?.filter { it.isNotBlank() }?.map { Paths.get(it).toAbsolutePath() }
            return (configured ?: listOf(Paths.get("/etc/asound.conf"), Paths.get(System.getProperty("user.home"), ".asoundrc"))).toSet()
        }

        fun defaultDirectories(): List<Path> = (listOf(Paths.get(DEV_SND)) + defaultConfigFiles().mapNotNull { it.parent }).distinct()
    }
}
