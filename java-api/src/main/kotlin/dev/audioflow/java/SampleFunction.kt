package dev.audioflow.java

/**
 * A per-sample transfer function for [Signal.mapSamples] (Java has no `float` operator type).
 *
 * **Thread.** Runs on the pipeline's thread, once per sample: keep it pure and cheap.
 *
 * ```java
 * signal.mapSamples(x -> (float) Math.tanh(3 * x));   // soft clipping
 * ```
 */
public fun interface SampleFunction {
    /** The output sample for input sample [sample]. */
    public fun apply(sample: Float): Float
}
