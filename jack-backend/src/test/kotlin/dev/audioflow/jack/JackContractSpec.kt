package dev.audioflow.jack

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.contract.BackendContract
import dev.audioflow.testing.contract.ContractTarget
import dev.audioflow.testing.contract.DeviceLoss
import dev.audioflow.testing.contract.PlaybackProbe
import io.kotest.core.annotation.EnabledIf

/** The backend contract on the JACK backend's server device, against a private `jackd -d dummy`. */
@EnabledIf(JackInstalled::class)
class JackContractSpec : BackendContract({ JackContractTarget() })

/**
 * A private 48 kHz, 256-frame dummy server and its one device (the `system` ports). The dummy
 * driver captures silence and discards what is played; killing the server is the loss.
 */
class JackContractTarget : ContractTarget {
    private val server = JackServer.start { period = 256 }
    override val name: String = "JACK"
    override val backend: JackBackend = JackBackend(server.name)
    override val format: AudioFormat = AudioFormat(48_000, 2)
    override val blockFrames: Int = 256
    private val device: AudioDevice = backend.deviceList.value.single()
    override val output: AudioDevice = device
    override val input: AudioDevice = device
    override val duplexDevice: AudioDevice = device
    override val playback: PlaybackProbe? = null

    /** The dummy driver's capture ports carry silence. */
    override fun expectedCapture(frames: Int): FloatArray = FloatArray(frames * 2)

    override val refusedRate: Pair<Int, AudioErrorKind> = 44_100 to AudioErrorKind.UnsupportedFormat
    override val loss = DeviceLoss(AudioErrorKind.ServerShutdown) { server.kill() }
    override val notCovered: Map<String, String> = mapOf(
        "played samples" to "the dummy driver discards playback; JackStreamSpec reads a client's output back through its own input ports",
    )

    override fun close() = server.close()
}
