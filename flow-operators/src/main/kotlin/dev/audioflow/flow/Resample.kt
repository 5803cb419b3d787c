@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resampler
import dev.audioflow.spi.ResamplerProvider
import dev.audioflow.spi.Resamplers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow

/**
 * Converts the stream to [targetRate] Hz with [provider]'s resampler at [quality]; by default the
 * best one available ([Resamplers.best]): libsoxr when `audioflow-soxr` and libsoxr are present,
 * else the hand-written [PolyphaseResamplerProvider] (their measured quality is in the README).
 *
 * Output frame `n` is the input evaluated at time `n / targetRate` (no delay in frame
 * positions): the first output `frameIndex` is the first input `frameIndex` scaled to the new
 * rate, and an input of `N` frames yields `ceil(N · targetRate / sourceRate)` output frames, the
 * end completed as if the input were followed by silence. Each input block's status is carried
 * by the output block containing the output frame at (or just after) its first frame's time. A
 * stream already at [targetRate] passes through untouched.
 *
 * ```
 * wavFile(cd44k).resample(48_000).playOn(speaker)
 * ```
 *
 * Thread: collector's context; never blocks. The converter is created on the first block and
 * closed when the collection ends, however it ends.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [targetRate] outside
 *   1..[AudioFormat.MAX_SAMPLE_RATE], and (on collection) when the format changes mid-stream;
 *   on collection, what [ResamplerProvider.create] throws ([dev.audioflow.AudioErrorKind.UnsupportedFormat]
 *   for a ratio the polyphase resampler cannot do, such as 44100→44101, which needs more than
 *   [MAX_RESAMPLE_PHASES] phases); [dev.audioflow.AudioErrorKind.BackendUnavailable] at call
 *   time when no resampler is registered.
 */
@JvmOverloads
public fun Flow<FloatBlock>.resample(
    targetRate: Int,
    quality: ResampleQuality = ResampleQuality.HIGH,
    provider: ResamplerProvider = Resamplers.best(),
): Flow<FloatBlock> {
    AudioException.require(targetRate in 1..AudioFormat.MAX_SAMPLE_RATE) {
        "resample targetRate must be in 1..${AudioFormat.MAX_SAMPLE_RATE} Hz, was $targetRate"
    }
    val upstream = this
    return flow {
        val guard = FormatGuard("resample")
        var stream: ResampledStream? = null
        try {
            upstream.collect { block ->
                val format = guard.check(block)
                if (format.sampleRate == targetRate) {
                    emit(block)
                    return@collect
                }
                val s = stream ?: ResampledStream(provider.create(format.sampleRate, targetRate, format.channels, quality), block).also { stream = it }
                s.accept(block)
                s.emit(this, s.resampler.process(block.samples, block.frames), last = false)
            }
            stream?.let { it.emit(this, it.resampler.finish(), last = true) }
        } finally {
            stream?.resampler?.close()
        }
    }
}

/** Largest number of filter phases (the reduced numerator `L` of the rate ratio) the polyphase resampler accepts. */
public const val MAX_RESAMPLE_PHASES: Int = 8192

/** One collection's converter with the bookkeeping that turns its output into blocks. */
private class ResampledStream(val resampler: Resampler, first: FloatBlock) {
    private val format: AudioFormat = first.format.copy(sampleRate = resampler.targetRate)
    private val outBase: Long = first.frameIndex.let { i ->
        // i · target / source rounded down, without overflowing for any stream position.
        i / resampler.sourceRate * resampler.targetRate + i % resampler.sourceRate * resampler.targetRate / resampler.sourceRate
    }
    private val anchorNanos: Long = first.timestampNanos
    private val pending = PendingStatus()
    private var inputFrames = 0L
    private var outputFrames = 0L

    /** Records [block]'s status at the output position of its first frame. */
    fun accept(block: FloatBlock) {
        pending.add(outBase + Resamplers.outputFrames(inputFrames, resampler.sourceRate, resampler.targetRate), block.status)
        inputFrames += block.frames
    }

    /** Emits [samples] as the next block; with [last], also when empty if statuses are still pending. */
    suspend fun emit(collector: FlowCollector<FloatBlock>, samples: FloatArray, last: Boolean) {
        if (samples.isEmpty() && (!last || pending.isEmpty)) return
        val start = outputFrames
        outputFrames += samples.size / format.channels
        val status = if (last) pending.takeAll() else pending.takeBefore(outBase + outputFrames)
        collector.emit(FloatBlock(format, samples, outBase + start, anchorNanos + format.nanosOf(start), status))
    }
}
