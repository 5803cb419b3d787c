package dev.audioflow.soxr.internal

import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.NativeLong
import com.sun.jna.Pointer
import com.sun.jna.ptr.PointerByReference
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resampler
import dev.audioflow.spi.Resamplers

/**
 * One libsoxr stream resampler (`soxr_t`), interleaved float32 in and out, one thread. Input and
 * output go through native buffers that grow to the largest block seen and are reused.
 *
 * libsoxr compensates its filter's delay itself (output frame `n` is the input at time
 * `n / targetRate`); its total length is the rounded ratio, which [finish] turns into the
 * [Resampler] contract's `ceil(N · targetRate / sourceRate)` by adding or dropping at most one
 * frame of the tail.
 */
internal class SoxrResampler(
    override val sourceRate: Int,
    override val targetRate: Int,
    override val channels: Int,
    quality: ResampleQuality,
) : Resampler {
    init {
        Resamplers.checkArguments(sourceRate, targetRate, channels)
    }

    private var handle: Pointer?
    private val frameBytes = 4L * channels
    private var input = Memory(frameBytes * 1024)
    private var output = Memory(frameBytes * 2048)
    private val done = Memory(2L * Native.SIZE_T_SIZE)
    private var inputFrames = 0L
    private var outputFrames = 0L
    private var finished = false

    init {
        val spec = SoxrNative.soxr_quality_spec(NativeLong(recipe(quality)), NativeLong(0))
        val error = PointerByReference()
        handle = SoxrNative.soxr_create(sourceRate.toDouble(), targetRate.toDouble(), channels, error, null, spec, null)
        if (handle == null) {
            val reason = error.value?.getString(0) ?: "no reason given"
            throw AudioException(AudioErrorKind.UnsupportedFormat, "libsoxr cannot resample $sourceRate Hz to $targetRate Hz × $channels ch: $reason", backend = SoxrLibrary.NAME)
        }
    }

    /** libsoxr's name for the engine it chose (`cr32s`: 32-bit float SIMD, `cr64s`: 64-bit). */
    val engine: String get() = SoxrNative.soxr_engine(live()) ?: "unknown"

    override fun process(input: FloatArray, frames: Int): FloatArray {
        AudioException.require(!finished) { "libsoxr resampler: process after finish" }
        AudioException.require(frames >= 0 && frames.toLong() * channels <= input.size) {
            "libsoxr resampler: $frames frames of $channels channels need ${frames.toLong() * channels} samples, the array holds ${input.size}"
        }
        val r = live()
        if (frames == 0) return EMPTY
        ensureInput(frames)
        this.input.write(0, input, 0, frames * channels)
        inputFrames += frames
        var collected = EMPTY
        var consumed = 0L
        while (consumed < frames) {
            val capacity = ensureOutput(frames - consumed)
            call(r, this.input.share(consumed * frameBytes), frames - consumed, capacity)
            val used = sizeAt(0)
            val produced = sizeAt(1)
            if (used == 0L && produced == 0L) throw AudioException(AudioErrorKind.BackendError, "libsoxr made no progress resampling $sourceRate Hz to $targetRate Hz", backend = SoxrLibrary.NAME)
            consumed += used
            collected = append(collected, produced)
        }
        return collected
    }

    override fun finish(): FloatArray {
        val r = live()
        if (finished) return EMPTY
        finished = true
        var collected = EMPTY
        do {
            val capacity = ensureOutput(1024)
            call(r, null, 0, capacity)
            val produced = sizeAt(1)
            collected = append(collected, produced)
        } while (produced > 0)
        val expected = Resamplers.outputFrames(inputFrames, sourceRate, targetRate)
        val adjust = (expected - outputFrames).toInt()
        outputFrames = expected
        return collected.copyOf(collected.size + adjust * channels)
    }

    override fun close() {
        handle?.let(SoxrNative::soxr_delete)
        handle = null
        input.close()
        output.close()
        done.close()
    }

    private fun live(): Pointer = handle ?: throw AudioException(AudioErrorKind.InvalidArgument, "libsoxr resampler: used after close", backend = SoxrLibrary.NAME)

    private fun call(r: Pointer, from: Pointer?, frames: Long, capacity: Long) {
        val error = SoxrNative.soxr_process(r, from, SizeT(frames), if (from == null) null else done, output, SizeT(capacity), done.share(Native.SIZE_T_SIZE.toLong()))
        if (from == null) writeSize(0, 0)
        if (error != null) throw AudioException(AudioErrorKind.BackendError, "libsoxr failed resampling $sourceRate Hz to $targetRate Hz: $error", backend = SoxrLibrary.NAME)
    }

    /** [collected] followed by the first [frames] frames of the output buffer. */
    private fun append(collected: FloatArray, frames: Long): FloatArray {
        if (frames == 0L) return collected
        val out = collected.copyOf(collected.size + (frames * channels).toInt())
        output.read(0, out, collected.size, (frames * channels).toInt())
        outputFrames += frames
        return out
    }

    private fun ensureInput(frames: Int) {
        if (input.size() >= frames * frameBytes) return
        input.close()
        input = Memory(frames * frameBytes)
    }

    /** Grows the output buffer to hold the output of [inputFrames] more input frames; returns its capacity in frames. */
    private fun ensureOutput(inputFrames: Long): Long {
        val frames = inputFrames * targetRate / sourceRate + 64
        if (output.size() < frames * frameBytes) {
            output.close()
            output = Memory(frames * frameBytes)
        }
        return output.size() / frameBytes
    }

    private fun sizeAt(index: Int): Long =
        if (Native.SIZE_T_SIZE == 8) done.getLong(index * 8L) else done.getInt(index * 4L).toLong() and 0xFFFF_FFFFL

    private fun writeSize(index: Int, value: Long) {
        if (Native.SIZE_T_SIZE == 8) done.setLong(index * 8L, value) else done.setInt(index * 4L, value.toInt())
    }

    private companion object {
        val EMPTY = FloatArray(0)

        fun recipe(quality: ResampleQuality): Long = when (quality) {
            ResampleQuality.QUICK -> SoxrNative.SOXR_QQ
            ResampleQuality.LOW -> SoxrNative.SOXR_LQ
            ResampleQuality.MEDIUM -> SoxrNative.SOXR_MQ
            ResampleQuality.HIGH -> SoxrNative.SOXR_HQ
            ResampleQuality.VERY_HIGH -> SoxrNative.SOXR_VHQ
        }
    }
}
