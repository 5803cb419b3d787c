package dev.audioflow.testing.contract

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig

/**
 * One backend as [BackendContract] drives it: which of its devices to use, and the few things
 * only the target itself can do (read back what was played, know what a capture delivers, make
 * a device go away). A capability a target lacks is null; the contract then does not register
 * the case for it and prints which cases the target leaves to other specs, with [notCovered]'s
 * reason.
 *
 * Thread: the spec's. Created once per spec, [close]d after it.
 *
 * ```
 * class VirtualContractSpec : BackendContract({ VirtualContractTarget() })
 * ```
 */
public interface ContractTarget : AutoCloseable {
    /** How the contract names the target in test names and messages, e.g. `PortAudio ALSA`. */
    public val name: String

    /** The backend under test. */
    public val backend: AudioBackend

    /** The stream format every case uses (the devices' own rate). */
    public val format: AudioFormat

    /** Frames per block of every case's fixed block size. */
    public val blockFrames: Int

    /** A device with output channels. */
    public val output: AudioDevice

    /** A device with input channels. */
    public val input: AudioDevice

    /** A device with both sides for the duplex case; null when the backend has none. */
    public val duplexDevice: AudioDevice?

    /** What [output] played, read back; null when the target cannot read it. */
    public val playback: PlaybackProbe?

    /**
     * Frames per block of the case that checks the played samples: an unpaced device (ALSA's
     * `null` and `file` plugins) drains a small block faster than a loaded machine refills it,
     * which would put silence in the middle; such a target plays larger blocks there.
     */
    public val playBlockFrames: Int get() = blockFrames

    /**
     * Frames of the played-samples case, a multiple of [blockFrames]: 24 blocks by default; an
     * unpaced target plays two of its [playBlockFrames] blocks, all queued before the device starts.
     */
    public val playFrames: Int get() = 24 * blockFrames

    /**
     * The first [frames] frames (interleaved, [format]'s channels) that the next stream on
     * [input] captures, or null when the target cannot know them. Called before that stream
     * opens, so a target may write its capture source here.
     */
    public fun expectedCapture(frames: Int): FloatArray?

    /** A sample rate [output] and [input] refuse, and the kind of the refusal; null when every rate works. */
    public val refusedRate: Pair<Int, AudioErrorKind>?

    /** Makes [input]'s device (or its server) go away; null when the target cannot. */
    public val loss: DeviceLoss?

    /** Cases this target does not run, each with why and where they are covered instead. */
    public val notCovered: Map<String, String> get() = emptyMap()

    /** The configuration of the contract's streams: [format], fixed [blockFrames], and [ringFrames] (null: automatic). */
    public fun config(ringFrames: Int?): StreamConfig =
        StreamConfig(format, blockSize = BlockSize.Fixed(blockFrames), ringFrames = ringFrames)

    /** [config] with an automatic ring. */
    public fun config(): StreamConfig = config(null)

    /** Releases what the target started (servers, backends). */
    override fun close() {}
}

/**
 * Reads back what a target's output device played.
 *
 * Thread: the spec's.
 *
 * ```
 * probe.reset(); blocks.asFlow().playOn(device, config); val samples = probe.played()
 * ```
 */
public interface PlaybackProbe {
    /** Forgets what was played so far. */
    public fun reset()

    /** Everything played since [reset], interleaved, silence included. */
    public fun played(): FloatArray
}

/**
 * Makes a target's device go away while a stream runs on it: unplugged, or its server killed.
 *
 * Thread: the spec's.
 *
 * ```
 * val loss = DeviceLoss(AudioErrorKind.ServerShutdown) { server.kill() }
 * ```
 *
 * @property kind what the running stream must end with.
 * @property lose does it; blocks until it is done.
 */
public class DeviceLoss(public val kind: AudioErrorKind, public val lose: Runnable)
