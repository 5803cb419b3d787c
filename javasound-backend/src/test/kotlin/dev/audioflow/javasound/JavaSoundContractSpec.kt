package dev.audioflow.javasound

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import dev.audioflow.testing.contract.BackendContract
import dev.audioflow.testing.contract.ContractTarget
import dev.audioflow.testing.contract.DeviceLoss
import dev.audioflow.testing.contract.PlaybackProbe

/** The backend contract on Java Sound, over the test ALSA configuration's one device. */
class JavaSoundContractSpec : BackendContract({ JavaSoundContractTarget() })

/**
 * The test configuration's `default` pcm through Java Sound's 16-bit lines: playback recorded
 * into `js_record.raw`, capture played from `js_source.raw` (written before each capture). Both
 * unpaced, so the played-samples case uses 4096-frame blocks.
 */
class JavaSoundContractTarget : ContractTarget {
    override val name: String = "Java Sound"
    override val backend: JavaSoundBackend = JavaSoundTesting.backend
    override val format: AudioFormat = JavaSoundTesting.FORMAT
    override val blockFrames: Int = 256
    override val playBlockFrames: Int = 4096
    override val playFrames: Int = 8192
    private val device = JavaSoundTesting.device
    override val output: JavaSoundDevice = device
    override val input: JavaSoundDevice = device
    override val duplexDevice: JavaSoundDevice = device
    override val playback: PlaybackProbe = object : PlaybackProbe {
        override fun reset() {
            JavaSoundTesting.recordFile.delete()
        }

        override fun played(): FloatArray = SampleFormat.INT16.decode(JavaSoundTesting.recordFile.readBytes())
    }

    override fun expectedCapture(frames: Int): FloatArray = JavaSoundTesting.writeSource(frames)

    override val refusedRate: Pair<Int, AudioErrorKind>? = null
    override val loss: DeviceLoss? = null
    override val notCovered: Map<String, String> = mapOf(
        "refused rate" to "the test device's ALSA plug layer takes any rate; JavaSoundStreamsSpec covers a line format the mixer refuses",
        "device loss" to "an ALSA test device cannot be unplugged from under Java Sound",
    )
}
