package dev.audioflow.java

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * Java code that produces audio on demand by filling an array, for [Signal.generate] and the
 * output callback stream of [Audio.openOutput].
 *
 * **Thread.** Runs on the pipeline's (or stream's) own non-realtime thread, one call at a time;
 * it may allocate, log and block briefly. The device asks for the next block while earlier ones
 * are still queued, so a call that takes longer than a block's duration for long enough is
 * heard as an output underflow, reported in the stream's stats.
 *
 * **Errors.** Whatever it throws, checked exceptions included, ends the stream and becomes
 * its failure.
 *
 * ```java
 * FrameSource ramp = (buffer, frames) -> {
 *     for (int i = 0; i < frames; i++) buffer[i] = (i % 100) / 100f;
 *     return frames;
 * };
 * ```
 */
public fun interface FrameSource {
    /**
     * Fills the first `frames * channels` samples of [buffer] with interleaved frames.
     *
     * @param buffer a fresh array of `frames * channels` samples, owned by the library afterwards.
     * @return the frames written, `0..frames`; fewer than [frames] ends the audio after them.
     * @throws Exception to end the stream with it.
     */
    @Throws(Exception::class)
    public fun fill(buffer: FloatArray, frames: Int): Int
}

/** The audio [source] produces, [blockFrames] frames per call, until it returns fewer. */
internal fun pulled(format: AudioFormat, blockFrames: Int, source: FrameSource): Flow<FloatBlock> {
    AudioException.require(blockFrames in 1..BlockSize.MAX_FRAMES) { "blockFrames must be in 1..${BlockSize.MAX_FRAMES}, was $blockFrames" }
    return flow {
        val channels = format.channels
        var frameIndex = 0L
        while (true) {
            val samples = FloatArray(blockFrames * channels)
            val frames = source.fill(samples, blockFrames)
            AudioException.require(frames in 0..blockFrames) { "FrameSource.fill returned $frames, not in 0..$blockFrames" }
            if (frames > 0) emit(FloatBlock(format, if (frames == blockFrames) samples else samples.copyOf(frames * channels), frameIndex))
            frameIndex += frames
            if (frames < blockFrames) return@flow
        }
    }
}
