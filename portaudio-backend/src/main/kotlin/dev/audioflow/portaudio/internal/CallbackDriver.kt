package dev.audioflow.portaudio.internal

import com.sun.jna.Callback
import com.sun.jna.Native
import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.spi.FloatRing
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.ReleaseCounter
import dev.audioflow.spi.StatusFlags
import dev.audioflow.spi.jna.JnaBufferAccess
import dev.audioflow.spi.jna.PointerView

/**
 * The realtime half of one PortAudio stream: moves frames between PortAudio's buffers and the
 * endpoint's rings.
 *
 * In float32 mode (the default) each callback is one [RealtimeEndpoint.processNative]: frames
 * are copied straight between the rings and PortAudio's buffers, with no intermediate array and
 * no JNI call, and blocks of any size are handled whole. In raw sample-format mode, or on a JVM
 * without [FloatRing.nativeCopySupported], frames take core's [ArrayFallback] (JNA copies into
 * preallocated arrays), in chunks of at most [scratchFrames] frames (variable block sizes).
 *
 * Runs on PortAudio's callback thread. [cycle] allocates nothing, takes no lock, never throws:
 * a failure is stored in [failure] (a reference assignment) and the stream aborted by returning
 * `paAbort`; the stream's health check turns it into an exception.
 */
@OptIn(DelicateAudioApi::class)
internal class CallbackDriver(
    private val endpoint: RealtimeEndpoint,
    sampleFormat: SampleFormat,
    scratchFrames: Int,
    sampleRate: Int,
) {
    private val inChannels = endpoint.inputChannels

    /** Float32 frames go straight between the rings and PortAudio's buffers. */
    private val direct = sampleFormat == SampleFormat.FLOAT32 && FloatRing.nativeCopySupported
    private val fallback = if (direct) null else ArrayFallback(endpoint, JnaBufferAccess(), scratchFrames, sampleRate, sampleFormat)
    private val timeView = PointerView()

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

    // Written only by the callback thread, read by the coroutine side.
    private val callbackCount = ReleaseCounter()
    private val inputUnderflowCount = ReleaseCounter()
    private val inputOverflowCount = ReleaseCounter()
    private val outputUnderflowCount = ReleaseCounter()
    private val outputOverflowCount = ReleaseCounter()
    private val primingCycleCount = ReleaseCounter()

    /**
     * Callbacks so far. In float32 mode each callback is exactly one endpoint cycle, so the
     * endpoint's count serves; on the fallback path a callback may span several cycles and is counted here.
     */
    val callbacks: Long get() = if (direct) endpoint.cycles else callbackCount.value
    val inputUnderflows: Long get() = inputUnderflowCount.value
    val inputOverflows: Long get() = inputOverflowCount.value
    val outputUnderflows: Long get() = outputUnderflowCount.value
    val outputOverflows: Long get() = outputOverflowCount.value
    val primingCycles: Long get() = primingCycleCount.value

    private fun cycle(input: Long, output: Long, frameCount: Long, timeInfo: Long, paFlags: Long): Int {
        CallbackProbe.enter()
        try {
            val flags = statusOf(paFlags)
            val time = timeNanos(timeInfo)
            val frames = frameCount.toInt()
            if (fallback == null) {
                endpoint.processNative(input, output, frames, flags, time)
            } else {
                fallback.processInterleaved(input, output, frames, flags, time)
                callbackCount.increment()
            }
            return Pa.CONTINUE
        } catch (t: Throwable) {
            if (failure == null) failure = t
            return Pa.ABORT
        } finally {
            CallbackProbe.exit()
        }
    }

    /**
     * Capture time of the first input frame on PortAudio's stream clock. Only captured frames
     * carry timestamps (the endpoint stamps input blocks), so an output-only stream skips the read.
     */
    private fun timeNanos(timeInfo: Long): Long {
        if (timeInfo == 0L || inChannels == 0) return 0
        // PaStreamCallbackTimeInfo starts with inputBufferAdcTime (a double, seconds).
        return (timeView.at(timeInfo).getDouble(0) * 1e9).toLong()
    }

    /** Maps every `PaStreamCallbackFlags` bit onto its [StatusFlags] bit and counts it. */
    private fun statusOf(paFlags: Long): Int {
        if (paFlags == 0L) return 0
        var flags = 0
        if (paFlags and Pa.INPUT_UNDERFLOW != 0L) {
            flags = flags or StatusFlags.INPUT_UNDERFLOW
            inputUnderflowCount.increment()
        }
        if (paFlags and Pa.INPUT_OVERFLOW != 0L) {
            flags = flags or StatusFlags.INPUT_OVERFLOW
            inputOverflowCount.increment()
        }
        if (paFlags and Pa.OUTPUT_UNDERFLOW != 0L) {
            flags = flags or StatusFlags.OUTPUT_UNDERFLOW
            outputUnderflowCount.increment()
        }
        if (paFlags and Pa.OUTPUT_OVERFLOW != 0L) {
            flags = flags or StatusFlags.OUTPUT_OVERFLOW
            outputOverflowCount.increment()
        }
        if (paFlags and Pa.PRIMING_OUTPUT != 0L) {
            flags = flags or StatusFlags.PRIMING_OUTPUT
            primingCycleCount.increment()
        }
        return flags
    }
}
