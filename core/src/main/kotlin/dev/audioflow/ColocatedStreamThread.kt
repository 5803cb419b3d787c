package dev.audioflow

/**
 * Opt-in thread placement, as a [StreamConfig] setting: the stream's own thread (the one its Flow
 * side runs on between the native callback's cycles) is pinned to the CPU the native audio
 * thread runs on, and follows it when it moves (checked every 64 cycles). Each cycle's wake-up
 * of the stream thread is then a local one instead of a cross-CPU wake-up, which on a virtual
 * machine is the dearest thing a callback does: on a 2-core VM, a JACK 2×2 passthrough at
 * `-p 64` on the FFM path took 23–37 ms of CPU per second of audio with it against 39–53 ms
 * without, its process thread falling from 28–36 ms/s to 11–17 ms/s, near a client without a
 * stream (`benchmarks/jack/run` case (e), docs/latency.md).
 *
 * The price: the stream thread shares that CPU with the audio thread (which preempts it) and
 * cannot move to an idle one, so a heavy Flow on a machine whose other cores are idle may
 * underflow sooner; a light one (passthrough, gain, metering) does not. Hence opt-in.
 *
 * Honoured by the JACK and PortAudio backends on Linux; elsewhere (other systems, the virtual
 * and Java Sound backends, input-only streams, which have no stream thread) it has no effect.
 * [StreamInfo.description] ends with [DESCRIPTION] when a stream is colocated.
 *
 * Thread: an immutable value, any.
 *
 * ```
 * val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(64), settings = listOf(ColocatedStreamThread()))
 * jackDevice.duplex(config) { input -> input }
 * ```
 */
public class ColocatedStreamThread : BackendSettings {
    override fun equals(other: Any?): Boolean = other is ColocatedStreamThread

    override fun hashCode(): Int = ColocatedStreamThread::class.hashCode()

    override fun toString(): String = "ColocatedStreamThread"

    public companion object {
        /** What a colocated stream's [StreamInfo.description] ends with. */
        public const val DESCRIPTION: String = ", stream thread on the audio thread's CPU"
    }
}
