package dev.audioflow.portaudio.internal

import com.sun.jna.Callback
import com.sun.jna.Native
import com.sun.jna.Pointer
import dev.audioflow.BlockStatus
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatRing
import dev.audioflow.SampleFormat
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.spi.RealtimeEndpoint
import java.lang.invoke.MethodHandles
import java.lang.invoke.VarHandle

/**
 * `PaStreamCallback` where `unsigned long` is 64-bit (Linux, macOS: LP64). Every argument is a
 * primitive, so JNA's direct callback dispatch passes them without boxing; pointers arrive as
 * addresses.
 */
internal interface PaCallbackLp64 : Callback {
    fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int
}

/** `PaStreamCallback` where `unsigned long` is 32-bit (64-bit Windows: LLP64). */
internal interface PaCallbackLlp64 : Callback {
    fun callback(input: Long, output: Long, frameCount: Int, timeInfo: Long, statusFlags: Int, userData: Long): Int
}

/**
 * The realtime half of one PortAudio stream: moves frames between PortAudio's buffers and the
 * endpoint's rings.
 *
 * In float32 mode (the default) each callback is one [RealtimeEndpoint.processNative]: frames
 * are copied straight between the rings and PortAudio's buffers, with no intermediate array and
 * no JNI call, and blocks of any size are handled whole. In raw sample-format mode, or on a JVM
 * without [FloatRing.nativeCopySupported], frames go through preallocated scratch arrays and
 * pointer views, in chunks of at most [scratchFrames] frames (variable block sizes).
 *
 * Runs on PortAudio's callback thread. [cycle] allocates nothing, takes no lock, never throws:
 * a failure is stored in [failure] (a reference assignment) and the stream aborted by returning
 * `paAbort`; the coroutine side turns it into an exception.
 */
@OptIn(DelicateAudioApi::class)
internal class CallbackDriver(
    private val endpoint: RealtimeEndpoint,
    private val sampleFormat: SampleFormat,
    private val scratchFrames: Int,
    sampleRate: Int,
) {
    private val inChannels = endpoint.inputChannels
    private val outChannels = endpoint.outputChannels
    private val raw = sampleFormat != SampleFormat.FLOAT32

    /** Float32 frames go straight between the rings and PortAudio's buffers. */
    private val direct = !raw && FloatRing.nativeCopySupported
    private val inFloats = if (inChannels > 0 && !direct) FloatArray(scratchFrames * inChannels) else null
    private val outFloats = if (outChannels > 0 && !direct) FloatArray(scratchFrames * outChannels) else null
    private val bytesPerSample = sampleFormat.bytesPerSample
    private val rawBytes = if (raw) ByteArray(scratchFrames * maxOf(inChannels, outChannels) * bytesPerSample) else null
    private val nanosPerFrame = 1_000_000_000.0 / sampleRate

    private val inView = Pointer(0)
    private val outView = Pointer(0)
    private val timeView = Pointer(0)

    /** The callback object handed to PortAudio; referenced here for the stream's whole life. */
    val nativeCallback: Callback =
        if (Native.LONG_SIZE == 8) {
            object : PaCallbackLp64 {
                override fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int =
                    cycle(input, output, frameCount, timeInfo, statusFlags)
            }
        } else {
            object : PaCallbackLlp64 {
                override fun callback(input: Long, output: Long, frameCount: Int, timeInfo: Long, statusFlags: Int, userData: Long): Int =
                    cycle(input, output, frameCount.toLong() and 0xFFFFFFFFL, timeInfo, statusFlags.toLong() and 0xFFFFFFFFL)
            }
        }

    /** Set once when a cycle failed; read by the coroutine side. */
    @Volatile var failure: Throwable? = null; private set

    // Written only by the callback thread, read by the coroutine side: published with release
    // stores (see RealtimeEndpoint), as a volatile store would cost a fence every callback.
    @Volatile private var callbackCount: Long = 0
    @Volatile private var inputUnderflowCount: Long = 0
    @Volatile private var inputOverflowCount: Long = 0
    @Volatile private var outputUnderflowCount: Long = 0
    @Volatile private var outputOverflowCount: Long = 0
    @Volatile private var primingCycleCount: Long = 0

    /**
     * Callbacks so far. In float32 mode each callback is exactly one endpoint cycle, so the
     * endpoint's count serves; in scratch mode a callback may span several cycles and is counted here.
     */
    val callbacks: Long get() = if (direct) endpoint.cycles else callbackCount
    val inputUnderflows: Long get() = inputUnderflowCount
    val inputOverflows: Long get() = inputOverflowCount
    val outputUnderflows: Long get() = outputUnderflowCount
    val outputOverflows: Long get() = outputOverflowCount
    val primingCycles: Long get() = primingCycleCount

    private fun cycle(input: Long, output: Long, frameCount: Long, timeInfo: Long, paFlags: Long): Int {
        CallbackProbe.enter()
        try {
            val flags = statusOf(paFlags)
            val time = timeNanos(timeInfo)
            val frames = frameCount.toInt()
            if (direct) {
                endpoint.processNative(input, output, frames, flags, time)
            } else {
                cycleThroughScratch(input, output, frames, flags, time)
            }
            return Pa.CONTINUE
        } catch (t: Throwable) {
            if (failure == null) failure = t
            return Pa.ABORT
        } finally {
            CallbackProbe.exit()
        }
    }

    private fun cycleThroughScratch(input: Long, output: Long, frames: Int, flags: Int, time: Long) {
        var done = 0
        while (done < frames) {
            val n = minOf(frames - done, scratchFrames)
            if (input != 0L && inFloats != null) readInput(input, done, n)
            endpoint.process(
                if (input != 0L) inFloats else null,
                if (output != 0L) outFloats else null,
                n,
                if (done == 0) flags else 0,
                time + (done * nanosPerFrame).toLong(),
            )
            if (output != 0L && outFloats != null) writeOutput(output, done, n)
            done += n
        }
        CALLBACKS.setRelease(this, callbackCount + 1)
    }

    private fun readInput(address: Long, frameOffset: Int, frames: Int) {
        val floats = inFloats!!
        val samples = frames * inChannels
        val byteOffset = frameOffset.toLong() * inChannels * bytesPerSample
        Pointer.nativeValue(inView, address)
        if (raw) {
            val bytes = rawBytes!!
            inView.read(byteOffset, bytes, 0, samples * bytesPerSample)
            sampleFormat.decode(bytes, 0, floats, 0, samples)
        } else {
            inView.read(byteOffset, floats, 0, samples)
        }
    }

    private fun writeOutput(address: Long, frameOffset: Int, frames: Int) {
        val floats = outFloats!!
        val samples = frames * outChannels
        val byteOffset = frameOffset.toLong() * outChannels * bytesPerSample
        Pointer.nativeValue(outView, address)
        if (raw) {
            val bytes = rawBytes!!
            sampleFormat.encode(floats, 0, bytes, 0, samples)
            outView.write(byteOffset, bytes, 0, samples * bytesPerSample)
        } else {
            outView.write(byteOffset, floats, 0, samples)
        }
    }

    /**
     * Capture time of the first input frame on PortAudio's stream clock. Only captured frames
     * carry timestamps (the endpoint stamps input blocks), so an output-only stream skips the read.
     */
    private fun timeNanos(timeInfo: Long): Long {
        if (timeInfo == 0L || inChannels == 0) return 0
        Pointer.nativeValue(timeView, timeInfo)
        // PaStreamCallbackTimeInfo starts with inputBufferAdcTime (a double, seconds).
        return (timeView.getDouble(0) * 1e9).toLong()
    }

    /** Maps every `PaStreamCallbackFlags` bit onto its [BlockStatus] bit and counts it. */
    private fun statusOf(paFlags: Long): Int {
        if (paFlags == 0L) return 0
        var flags = 0
        if (paFlags and Pa.INPUT_UNDERFLOW != 0L) {
            flags = flags or BlockStatus.INPUT_UNDERFLOW
            INPUT_UNDERFLOWS.setRelease(this, inputUnderflowCount + 1)
        }
        if (paFlags and Pa.INPUT_OVERFLOW != 0L) {
            flags = flags or BlockStatus.INPUT_OVERFLOW
            INPUT_OVERFLOWS.setRelease(this, inputOverflowCount + 1)
        }
        if (paFlags and Pa.OUTPUT_UNDERFLOW != 0L) {
            flags = flags or BlockStatus.OUTPUT_UNDERFLOW
            OUTPUT_UNDERFLOWS.setRelease(this, outputUnderflowCount + 1)
        }
        if (paFlags and Pa.OUTPUT_OVERFLOW != 0L) {
            flags = flags or BlockStatus.OUTPUT_OVERFLOW
            OUTPUT_OVERFLOWS.setRelease(this, outputOverflowCount + 1)
        }
        if (paFlags and Pa.PRIMING_OUTPUT != 0L) {
            flags = flags or BlockStatus.PRIMING_OUTPUT
            PRIMING_CYCLES.setRelease(this, primingCycleCount + 1)
        }
        return flags
    }

    private companion object {
        private val LOOKUP = MethodHandles.privateLookupIn(CallbackDriver::class.java, MethodHandles.lookup())

        private fun counter(name: String): VarHandle = LOOKUP.findVarHandle(CallbackDriver::class.java, name, Long::class.javaPrimitiveType)

        // Release-store handles on the counters (static finals, so the JIT makes each a plain store).
        val CALLBACKS = counter("callbackCount")
        val INPUT_UNDERFLOWS = counter("inputUnderflowCount")
        val INPUT_OVERFLOWS = counter("inputOverflowCount")
        val OUTPUT_UNDERFLOWS = counter("outputUnderflowCount")
        val OUTPUT_OVERFLOWS = counter("outputOverflowCount")
        val PRIMING_CYCLES = counter("primingCycleCount")
    }
}
