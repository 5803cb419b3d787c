package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.HostApiType
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.contract.BackendContract
import dev.audioflow.testing.contract.ContractTarget
import dev.audioflow.testing.contract.DeviceLoss
import dev.audioflow.testing.contract.PlaybackProbe
import io.kotest.core.annotation.EnabledIf

/** The backend contract on PortAudio's JACK host API, against a private `jackd -d dummy`. */
@EnabledIf(PortAudioAndJackInstalled::class)
class PortAudioJackContractSpec : BackendContract({ PortAudioJackContractTarget() })

/**
 * The private server's `system` device through PortAudio. The server must outlive PortAudio's
 * JACK client (a lost server leaves PortAudio unable to terminate for the rest of the JVM), so
 * [close] moves PortAudio back to the test ALSA configuration before stopping the server, and
 * the loss case runs in a child JVM instead ([JackServerDeathSpec]).
 */
class PortAudioJackContractTarget : ContractTarget {
    private val server = JackServer.start { period = 256 }
    override val name: String = "PortAudio JACK"
    override val backend: PortAudioBackend = PortAudioBackend(PortAudioOptions(jackServerName = server.name, jackClientName = "afcontract")).also { it.refresh() }
    override val format: AudioFormat = AudioFormat(48_000, 2)
    override val blockFrames: Int = 256
    private val device: PortAudioDevice = backend.devices().single { it.hostApiType == HostApiType.Jack && it.name == "system" }
    override val output: PortAudioDevice = device
    override val input: PortAudioDevice = device
    override val duplexDevice: PortAudioDevice = device
    override val playback: PlaybackProbe? = null

    /** The dummy driver's capture ports carry silence. */
    override fun expectedCapture(frames: Int): FloatArray = FloatArray(frames * 2)

    override val refusedRate: Pair<Int, AudioErrorKind> = 44_100 to AudioErrorKind.UnsupportedFormat
    override val loss: DeviceLoss? = null
    override val notCovered: Map<String, String> = mapOf(
        "played samples" to "the dummy driver discards playback",
        "device loss" to "a JACK server dying under PortAudio leaves PortAudio unusable for the rest of the JVM: JackServerDeathSpec runs it in a child JVM",
    )

    override fun close() {
        backend.close()
        PortAudioTesting.backend.refresh()
        server.close()
    }
}
