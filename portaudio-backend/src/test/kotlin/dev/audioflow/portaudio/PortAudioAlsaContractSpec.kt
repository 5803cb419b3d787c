package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.testing.contract.BackendContract
import dev.audioflow.testing.contract.ContractTarget
import dev.audioflow.testing.contract.DeviceLoss
import dev.audioflow.testing.contract.PlaybackProbe
import io.kotest.core.annotation.EnabledIf
import java.nio.ByteBuffer
import java.nio.ByteOrder

/** The backend contract on PortAudio's ALSA host API, over the test ALSA configuration's devices. */
@EnabledIf(PortAudioInstalled::class)
class PortAudioAlsaContractSpec : BackendContract({ PortAudioAlsaContractTarget() })

/**
 * `af_record` (its file holds what was played, as float32), `af_source` (plays `source.raw` from
 * its start for every stream) and `af_null` for duplex: all unpaced, so the played-samples case
 * uses 4096-frame blocks.
 */
class PortAudioAlsaContractTarget : ContractTarget {
    override val name: String = "PortAudio ALSA"
    override val backend: PortAudioBackend = PortAudioTesting.backend
    override val format: AudioFormat = AudioFormat(48_000, 2)
    override val blockFrames: Int = 256
    override val playBlockFrames: Int = 4096
    override val playFrames: Int = 8192
    override val output: PortAudioDevice = PortAudioTesting.alsa("af_record")
    override val input: PortAudioDevice = PortAudioTesting.alsa("af_source")
    override val duplexDevice: PortAudioDevice = PortAudioTesting.alsa("af_null")
    override val playback: PlaybackProbe = object : PlaybackProbe {
        override fun reset() {
            PortAudioTesting.recordFile.delete()
        }

        override fun played(): FloatArray = floats(PortAudioTesting.recordFile.readBytes())
    }

    override fun expectedCapture(frames: Int): FloatArray? =
        floats(PortAudioTesting.sourceFile.readBytes()).takeIf { it.size >= frames * 2 }?.copyOf(frames * 2)

    override val refusedRate: Pair<Int, AudioErrorKind>? = null
    override val loss: DeviceLoss? = null
    override val notCovered: Map<String, String> = mapOf(
        "refused rate" to "ALSA's plug layer converts any rate for the test devices; PortAudioBadInputSpec covers PortAudio's refusals",
        "device loss" to "an ALSA test device cannot be unplugged; a JACK server dying under PortAudio is JackServerDeathSpec (in a child JVM)",
    )

    private fun floats(bytes: ByteArray): FloatArray {
        val buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        return FloatArray(buffer.remaining()).also { buffer.get(it) }
    }
}
