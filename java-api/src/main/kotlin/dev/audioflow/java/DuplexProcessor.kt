package dev.audioflow.java

import dev.audioflow.FloatBlock

/**
 * Java code that turns each captured block into the block to play, for a duplex stream
 * ([Duplex.run], [Audio.openDuplex]).
 *
 * **Thread.** Runs on the stream's own non-realtime thread, one block at a time and in stream
 * order. [FloatBlock.status] of the input tells whether frames were lost before it (input
 * overflow) or the output ran dry (output underflow); the stream keeps its latency target
 * either way.
 *
 * **Errors.** Whatever it throws, checked exceptions included, ends the stream and becomes its
 * failure.
 *
 * ```java
 * DuplexProcessor gain = (in, out) -> {
 *     float[] x = in.getSamples();
 *     for (int i = 0; i < out.length; i++) out[i] = 0.5f * x[i];
 * };
 * ```
 */
public fun interface DuplexProcessor {
    /**
     * Writes into [output] the frames to play for [input].
     *
     * @param output a fresh, zeroed array of `input.getFrames() * outputChannels` samples.
     * @throws Exception to end the stream with it.
     */
    @Throws(Exception::class)
    public fun process(input: FloatBlock, output: FloatArray)
}
