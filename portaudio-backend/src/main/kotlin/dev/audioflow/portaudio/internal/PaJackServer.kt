package dev.audioflow.portaudio.internal

import java.io.IOException
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.channels.SocketChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.attribute.BasicFileAttributes

/**
 * The JACK server that PortAudio's JACK host API connected to in `Pa_Initialize`, watched from
 * outside PortAudio, which says nothing once the server is gone but asserts on it: after a
 * server death `Pa_CloseStream` (`jack_port_unregister`) and `Pa_Terminate` (`jack_deactivate`)
 * fail an `assert` in PortAudio 19.6's `pa_jack.c` and abort the JVM, and `Pa_StopStream` /
 * `Pa_AbortStream` wait ten minutes for a process thread that is gone.
 *
 * jackd2 listens on a Unix socket, `/dev/shm/jack_<server>_<uid>_0` on Linux (`/tmp` on macOS),
 * which stays behind when the server is killed. [isGone] is true when that socket refuses a
 * connection (no server), is missing, or is another file than the one seen at [connectedTo]
 * (a new server of the same name, which PortAudio's old client is not connected to). A stopped
 * (SIGSTOP) server still accepts, so it is not "gone": the calls that wait for it are bounded
 * by [AbandonableCall][dev.audioflow.spi.AbandonableCall] instead. A connection is opened and
 * closed at once; jackd drops it without a word.
 *
 * Hand-written: libjack has no call that asks whether a server is alive without becoming its
 * client, which blocks on a stopped server and shows up in every graph.
 */
internal class PaJackServer private constructor(val name: String, private val socket: Path, private val identity: Any?) {
    /** Whether the server PortAudio connected to has certainly gone away. Blocks for at most a local connect. */
    fun isGone(): Boolean {
        if (identity(socket) != identity) return true
        return try {
            SocketChannel.open(StandardProtocolFamily.UNIX).use { it.connect(UnixDomainSocketAddress.of(socket)) }
            false
        } catch (_: IOException) {
            true
        }
    }

    override fun toString(): String = "JACK server '$name' ($socket)"

    companion object {
        /**
         * The server named [serverName] (null: `default`), as it is now; null where its socket
         * cannot be found (not jackd2, another OS), and nothing can then be told.
         */
        fun connectedTo(serverName: String?): PaJackServer? {
            val name = serverName?.takeIf { it.isNotEmpty() } ?: "default"
            val dir = when {
                System.getProperty("os.name").startsWith("Linux") -> "/dev/shm"
                System.getProperty("os.name").startsWith("Mac") -> "/tmp"
                else -> return null
            }
            val uid = try {
                LibC.getuid()
            } catch (_: LinkageError) {
                return null
            }
            val socket = Paths.get(dir, "jack_${name}_${uid}_0")
            val identity = identity(socket) ?: return null
            return PaJackServer(name, socket, identity)
        }

        private fun identity(socket: Path): Any? = try {
            Files.readAttributes(socket, BasicFileAttributes::class.java).let { it.fileKey() ?: it.creationTime() }
        } catch (_: IOException) {
            null
        }
    }
}
