package dev.audioflow.testing.contract

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource

/** The backend contract on the virtual backend, in real time, as a machine without sound hardware uses it. */
class VirtualContractSpec : BackendContract({ VirtualContractTarget() })

/** Virtual devices of a private backend: a capturing speaker, a microphone playing known samples, a duplex device, and removal as the loss. */
class VirtualContractTarget : ContractTarget {
    override val name: String = "virtual"
    override val format: AudioFormat = AudioFormat(48_000, 2)
    override val blockFrames: Int = 256
    override val backend: VirtualBackend = VirtualBackend(Pacing.Realtime, "virtual-contract")
    private val sink = CapturingSink()
    private val source = FloatArray(48_000 * 2) { i -> ((i * 7) % 1000 - 500) / 1024f }
    override val output = backend.addOutput("speaker", channels = 2, sink = sink)
    override val input = backend.addInput("mic", channels = 2, source = VirtualSource.samples(source, loop = true))
    override val duplexDevice = backend.addDevice("interface", 2, 2, 48_000, VirtualSource.sine(440.0), CapturingSink())
    override val playback: PlaybackProbe = object : PlaybackProbe {
        override fun reset() = sink.clear()
        override fun played(): FloatArray = sink.captured()
    }

    override fun expectedCapture(frames: Int): FloatArray = source.copyOf(frames * 2)

    override val refusedRate: Pair<Int, AudioErrorKind>? = null
    override val loss = DeviceLoss(AudioErrorKind.StreamInvalidated) { backend.removeDevice(input) }
}
