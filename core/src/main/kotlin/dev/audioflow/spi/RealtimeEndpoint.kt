package dev.audioflow.spi

import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessorTap
import dev.audioflow.StreamThreadPlacement
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport

/**
 * The one piece of realtime code every backend shares: the rings between a stream's driver
 * (native callback or virtual driver) and its coroutine side, plus the counters and per-frame
 * status records that let glitches travel with the data.
 *
 * **Realtime contract.** [process] and its native-address variants ([processNative],
 * [processPlanar]) are the only methods a native callback calls. They copy
 * frames, updates preallocated counters and returns: it never allocates, locks, logs, throws or
 * resumes a coroutine. [reportAsync] is for the backend's non-realtime threads (JACK's
 * notification thread); fatal conditions go through [BackendStream.health], not through here.
 *
 * Created by the core lifecycle, one per stream; backends receive it in [StreamRequest].
 */
@DelicateAudioApi
public class RealtimeEndpoint internal constructor(
    /** Channels captured per frame, 0 without input. */
    public val inputChannels: Int,
    /** Channels played per frame, 0 without output. */
    public val outputChannels: Int,
    ringFrames: Int,
    /** Stream sample rate, for timestamps. */
    public val sampleRate: Int,
) {
    /** Device → app ring; null without input. */
    public val inputRing: FloatRing? = if (inputChannels > 0) FloatRing(ringFrames, inputChannels) else null

    /** App → device ring; null without output. */
    public val outputRing: FloatRing? = if (outputChannels > 0) FloatRing(ringFrames, outputChannels) else null

    internal val inputLog = StatusLog((ringFrames / 16).coerceIn(64, 65_536))

    // Producer-side state, touched only by the driver thread.
    private var pendingFlags = 0
    private var pendingDropped = 0L

    private val asyncFlags = AtomicInteger()
    private val asyncXruns = AtomicLong()

    // Counters written only by the driver thread and read by others (release stores, see
    // ReleaseCounter): a native callback updates two or three of them every cycle.
    private val cycleCount = ReleaseCounter()
    private val inputOverflowCycleCount = ReleaseCounter()
    private val outputUnderflowCycleCount = ReleaseCounter()
    private val silencedFrameCount = ReleaseCounter()
    private val renderedFrameCount = ReleaseCounter()
    private val droppedFrameCount = ReleaseCounter()
    private val deviceFrameCount = ReleaseCounter()
    private val lastCycleStamp = ReleaseCounter()
    private val resyncFrameCount = ReleaseCounter()
    private val resyncCount = ReleaseCounter()

    /**
     * Frames of latency the stream has above its target (driver thread only): silence played for
     * missing output adds to it, captured frames dropped and queued output skipped take it back.
     */
    private var latencyDebt = 0L

    /** Cycles whose native flags reported an overflow, underflow or xrun. */
    private val nativeXruns = ReleaseCounter()

    /** Driver cycles so far. */
    public val cycles: Long get() = cycleCount.value

    /** Input cycles that lost frames (ring full or a native input-overflow flag). */
    public val inputOverflowCycles: Long get() = inputOverflowCycleCount.value

    /** Output cycles that played silence for missing data. */
    public val outputUnderflowCycles: Long get() = outputUnderflowCycleCount.value

    /** Frames of silence played for missing data. */
    public val silencedFrames: Long get() = silencedFrameCount.value

    /** Frames taken from the output ring by the device. */
    public val framesRendered: Long get() = renderedFrameCount.value

    /** Captured frames dropped because the input ring was full. */
    public val droppedFrames: Long get() = droppedFrameCount.value

    /** Frames of all driver cycles so far (the device's clock, silence and drops included). */
    public val deviceFrames: Long get() = deviceFrameCount.value

    /**
     * `System.nanoTime()` at the end of the latest driver cycle, 0 before the first: lets the
     * app side of a polled stream ([Wakeup.polling]) sleep until the next cycle is due.
     */
    public val lastCycleNanos: Long get() = lastCycleStamp.value

    /** Queued output frames skipped to return to the target latency ([boundedLatency]). */
    public val resyncDroppedFrames: Long get() = resyncFrameCount.value

    /** Cycles that skipped queued output to return to the target latency. */
    public val resyncs: Long get() = resyncCount.value

    /**
     * Set by the app side of a duplex stream before it starts: every frame of silence played for
     * missing output is taken back, as soon as the output ring holds more than the cycle needs,
     * by skipping that many of the oldest queued frames (less the captured frames dropped
     * meanwhile, which shortened the path already). The latency from input to output thus
     * returns to the one the stream started with, and the cycle is flagged [StatusFlags.RESYNC].
     */
    @Volatile internal var boundedLatency: Boolean = false

    /** Xruns: those reported through [reportAsync] plus cycles whose native flags reported a glitch. */
    public val xruns: Long get() = asyncXruns.get() + nativeXruns.value

    /** The audio-thread processor that replaces the rings, once [installProcessor] has run. */
    @Volatile internal var processorRunner: ProcessorRunner? = null
        private set

    /** App side, before the stream starts: every cycle runs [processor] instead of the rings, for cycles of up to [maxFrames]. */
    internal fun installProcessor(processor: AudioProcessor, maxFrames: Int, tap: ProcessorTap? = null, tapFrames: Int = 0) {
        val runner = ProcessorRunner(processor, inputChannels, outputChannels, maxFrames, tap, tapFrames)
        preparedCopy?.let(runner::prepareNativeCopy)
        processorRunner = runner
    }

    /** The copy [prepareNativeCopy] prepared the rings for, so that a processor installed later is prepared too. */
    @Volatile private var preparedCopy: NativeCopy? = null

    /** Set by [colocateStreamThread]: used on the audio thread every 64 cycles; null again once the stream thread was let go. */
    @Volatile internal var placement: ThreadPlacement? = null
        private set

    /** The policy [colocateStreamThread] was given; [StreamThreadPlacement.Free] before. */
    @Volatile internal var placementPolicy: StreamThreadPlacement = StreamThreadPlacement.Free
        private set

    /** Set on the stream thread when a [StreamThreadPlacement.ColocatedWhileLight] stream let it go. */
    @Volatile internal var streamThreadReleased: Boolean = false
        private set

    /** The audio thread's CPU as [placement] last read it; -1 before. Written only when it changed. */
    @Volatile internal var audioThreadCpu: Int = -1
        private set

    /**
     * Makes the stream thread follow the native audio thread's CPU with [policy]
     * ([StreamThreadPlacement.Colocated] or [StreamThreadPlacement.ColocatedWhileLight]; `Free`
     * does nothing): from now on, every 64 cycles the audio thread reads its CPU with
     * [placement], and the stream thread, when it next waits for a cycle, pins itself there.
     * Call it when the stream is built, before its callbacks start. Not realtime.
     */
    @DelicateAudioApi
    public fun colocateStreamThread(placement: ThreadPlacement, policy: StreamThreadPlacement) {
        if (policy == StreamThreadPlacement.Free) return
        this.placementPolicy = policy
        this.placement = placement
    }

    /** The stream thread's placement logic ([StreamThreadFollower]); touched only on the stream thread. */
    internal val follower: StreamThreadFollower = StreamThreadFollower(this)

    /** Stream thread: it was let go ([StreamThreadPlacement.ColocatedWhileLight]); the audio thread stops reading its CPU. */
    internal fun releaseStreamThread() {
        placement = null
        streamThreadReleased = true
    }

    /**
     * What [dev.audioflow.StreamInfo.description] ends with for this stream's thread placement
     * now: the policy's description, [StreamThreadPlacement.RELEASED_DESCRIPTION] once let go,
     * nothing when the stream thread is not colocated.
     */
    internal val placementDescription: String
        get() = when {
            streamThreadReleased -> StreamThreadPlacement.RELEASED_DESCRIPTION
            placement != null -> placementPolicy.description
            else -> ""
        }

    /** The app side's dedicated thread, once it waits parked ([Wakeup.polling] on a stream thread): woken at the end of every cycle. */
    @Volatile internal var appThread: Thread? = null

    /** Set by the app side once real output has been queued; underflows count only after. */
    @Volatile internal var outputArmed: Boolean = false

    /** Set by the app side when no more output will come; silence is then expected, not an underflow. */
    @Volatile internal var outputEnded: Boolean = false

    /** Set by a driver whose input source has ended (virtual file or array sources). */
    @Volatile public var inputEnded: Boolean = false

    /**
     * Realtime: one driver cycle of [frames] frames.
     *
     * Captured frames in [input] (interleaved, [inputChannels] per frame) go into the input ring;
     * when it is full the excess is dropped and counted. [output] is filled from the output
     * ring, with silence (counted as underflow once output is armed) for missing frames.
     * [nativeFlags] are [StatusFlags] bits the backend observed in this cycle; [timeNanos] is
     * the capture time of the cycle's first frame on the backend's clock. Either array may be
     * null when the stream has no such side. Never throws.
     */
    public fun process(input: FloatArray?, output: FloatArray?, frames: Int, nativeFlags: Int, timeNanos: Long) {
        var flags = cycleFlags(nativeFlags)
        val runner = processorRunner
        if (runner != null) return processed(frames) { runner.runArrays(input, output, frames, flags, deviceFrames, timeNanos) }
        val outRing = outputRing
        if (output != null && outRing != null) {
            flags = flags or resync(outRing, frames)
            val got = outRing.read(output, 0, frames)
            if (got < frames) java.util.Arrays.fill(output, got * outputChannels, frames * outputChannels, 0f)
            flags = flags or rendered(got, frames)
        }
        val inRing = inputRing
        if (input != null && inRing != null) {
            val position = inRing.totalWritten
            captured(position, inRing.write(input, 0, frames), frames, flags, timeNanos)
        }
        endCycle(frames)
    }

    /**
     * Prepares both rings for [processNative] with [copy] ([FloatRing.prepareNativeCopy]), and
     * the arrays of an audio-thread processor, installed now or later: call it once when the
     * stream is built, before its callbacks start. Not realtime.
     */
    @DelicateAudioApi
    public fun prepareNativeCopy(copy: NativeCopy) {
        inputRing?.prepareNativeCopy(copy)
        outputRing?.prepareNativeCopy(copy)
        processorRunner?.prepareNativeCopy(copy)
        preparedCopy = copy
    }

    /**
     * Realtime: [process] over native buffers, for a backend whose callback is handed
     * interleaved float32 buffers: captured frames are copied from [inputAddress] straight into
     * the input ring and [outputAddress] is filled straight from the output ring (and with
     * silence for missing frames) by [copy], the backend's copy strategy, with no intermediate
     * array and no JNI call. An address of 0 means the stream has no such side (or the native
     * side passed none this cycle).
     *
     * The addresses must be valid for `frames * inputChannels` and `frames * outputChannels`
     * floats: they are not checked.
     */
    public fun processNative(inputAddress: Long, outputAddress: Long, frames: Int, nativeFlags: Int, timeNanos: Long, copy: NativeCopy) {
        var flags = cycleFlags(nativeFlags)
        val runner = processorRunner
        if (runner != null) return processed(frames) { runner.runNative(inputAddress, outputAddress, frames, flags, deviceFrames, timeNanos, copy) }
        val outRing = outputRing
        if (outputAddress != 0L && outRing != null) {
            flags = flags or resync(outRing, frames)
            val got = outRing.readToAddress(outputAddress, frames, copy)
            if (got < frames) {
                copy.zeroFloats(outputAddress + got.toLong() * outputChannels * Float.SIZE_BYTES, (frames - got) * outputChannels)
            }
            flags = flags or rendered(got, frames)
        }
        val inRing = inputRing
        if (inputAddress != 0L && inRing != null) {
            val position = inRing.totalWritten
            captured(position, inRing.writeFromAddress(inputAddress, frames, copy), frames, flags, timeNanos)
        }
        endCycle(frames)
    }

    /** A cycle an [AudioProcessor] handles in [run] instead of the rings: its frames count as rendered. */
    private inline fun processed(frames: Int, run: () -> Unit) {
        run()
        renderedFrameCount.add(frames.toLong())
        endCycle(frames)
    }

    /** Publishes the cycle's end: its frames, the time (a vDSO clock read, no system call on Linux) and the count. */
    private fun endCycle(frames: Int) {
        deviceFrameCount.add(frames.toLong())
        lastCycleStamp.set(System.nanoTime())
        val placement = placement
        if (placement != null && cycleCount.value and (PLACEMENT_CYCLES - 1) == 0L) {
            val cpu = placement.currentCpu()
            if (cpu != audioThreadCpu) audioThreadCpu = cpu
        }
        cycleCount.increment()
        // At most one unpark per cycle, allocation-free; a futex wake only when the thread is parked.
        val waiter = appThread
        if (waiter != null) LockSupport.unpark(waiter)
    }

    /**
     * Realtime: [process] over one native float32 buffer per channel (JACK ports): captured
     * channel `c` is read from `inputAddresses[c]`, output channel `c` written to
     * `outputAddresses[c]` (silence for missing frames), straight between the buffers and the
     * rings by [copy]. Null means the stream has no such side.
     *
     * The arrays must hold [inputChannels] and [outputChannels] valid addresses of buffers of at
     * least [frames] floats: they are not checked.
     */
    public fun processPlanar(inputAddresses: LongArray?, outputAddresses: LongArray?, frames: Int, nativeFlags: Int, timeNanos: Long, copy: NativeCopy) {
        var flags = cycleFlags(nativeFlags)
        val runner = processorRunner
        if (runner != null) return processed(frames) { runner.runPlanar(inputAddresses, outputAddresses, frames, flags, deviceFrames, timeNanos, copy) }
        val outRing = outputRing
        if (outputAddresses != null && outRing != null) {
            flags = flags or resync(outRing, frames)
            val got = outRing.readToAddresses(outputAddresses, frames, copy)
            if (got < frames) {
                for (c in 0 until outputChannels) copy.zeroFloats(outputAddresses[c] + got.toLong() * Float.SIZE_BYTES, frames - got)
            }
            flags = flags or rendered(got, frames)
        }
        val inRing = inputRing
        if (inputAddresses != null && inRing != null) {
            val position = inRing.totalWritten
            captured(position, inRing.writeFromAddresses(inputAddresses, frames, copy), frames, flags, timeNanos)
        }
        endCycle(frames)
    }

    /** The cycle's status bits so far: [nativeFlags] and those reported through [reportAsync]. */
    private fun cycleFlags(nativeFlags: Int): Int {
        var flags = nativeFlags and StatusFlags.ALL
        if (flags and GLITCH_FLAGS != 0) nativeXruns.increment()
        if (asyncFlags.get() != 0) flags = flags or asyncFlags.getAndSet(0)
        return flags
    }

    /**
     * Under [boundedLatency]: skips as much of the latency debt as the ring holds beyond this
     * cycle's [frames] (never so much that the cycle underflows); returns the status bits.
     */
    private fun resync(ring: FloatRing, frames: Int): Int {
        if (latencyDebt <= 0 || !boundedLatency) return 0
        val excess = ring.availableFrames() - frames
        if (excess <= 0) return 0
        val skipped = ring.skip(minOf(latencyDebt, excess.toLong()).toInt())
        latencyDebt -= skipped
        // Reported with the frames this cycle captures: the block holding them says what was skipped.
        pendingDropped += skipped
        resyncFrameCount.add(skipped.toLong())
        resyncCount.increment()
        return StatusFlags.RESYNC
    }

    /** Counts [got] of [frames] frames rendered from the ring (the rest was silenced); returns the output status bits. */
    private fun rendered(got: Int, frames: Int): Int {
        if (got > 0) renderedFrameCount.add(got.toLong())
        if (got == frames || !outputArmed || outputEnded) return 0
        outputUnderflowCycleCount.increment()
        silencedFrameCount.add((frames - got).toLong())
        latencyDebt += frames - got
        return StatusFlags.OUTPUT_UNDERFLOW
    }

    /** Logs the status of the [written] of [frames] captured frames that went into the input ring at [position]. */
    private fun captured(position: Long, written: Int, frames: Int, flags: Int, timeNanos: Long) {
        if (written > 0 && inputLog.offer(position, pendingFlags or flags, pendingDropped, timeNanos)) {
            pendingFlags = 0
            pendingDropped = 0
        } else {
            pendingFlags = pendingFlags or flags
        }
        if (written < frames) {
            // The lost frames come after this cycle's written ones, so they are reported on the
            // block holding the next frame that does arrive.
            pendingFlags = pendingFlags or StatusFlags.INPUT_OVERFLOW
            pendingDropped += frames - written
            droppedFrameCount.add((frames - written).toLong())
            latencyDebt -= frames - written
        }
        if (written < frames || flags and StatusFlags.INPUT_OVERFLOW != 0) {
            inputOverflowCycleCount.increment()
        }
    }

    private companion object {
        /** How often (in cycles, a power of two) a colocated stream's audio thread reads its CPU. */
        const val PLACEMENT_CYCLES = 64L

        /** Native flags that mean the device glitched. */
        const val GLITCH_FLAGS = StatusFlags.INPUT_OVERFLOW or StatusFlags.INPUT_UNDERFLOW or
            StatusFlags.OUTPUT_UNDERFLOW or StatusFlags.OUTPUT_OVERFLOW or StatusFlags.XRUN
    }

    /**
     * Non-realtime: records [flags] (for example [StatusFlags.XRUN]) to be attached to the next
     * cycle's frames. Lock-free; safe from any thread, including JACK's notification thread.
     */
    public fun reportAsync(flags: Int) {
        if (flags and StatusFlags.XRUN != 0) asyncXruns.incrementAndGet()
        val bits = flags and StatusFlags.ALL
        while (true) {
            val current = asyncFlags.get()
            if (asyncFlags.compareAndSet(current, current or bits)) return
        }
    }
}
