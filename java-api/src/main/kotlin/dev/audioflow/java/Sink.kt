package dev.audioflow.java

import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * Where a copy of a [Signal] goes with [Signal.tee]: a WAV file, another device, Java code.
 * Made by [Sinks].
 *
 * **Thread.** A sink runs beside the pipeline, in the same run, on the pipeline's thread; it may
 * lag behind by the tee's capacity before the pipeline waits for it.
 *
 * **Errors.** A sink that fails fails the whole run.
 *
 * ```java
 * Sink file = Sinks.wav(Path.of("take.wav"), SampleFormat.INT24);
 * ```
 */
public class Sink internal constructor(
    private val description: String,
    internal val consume: suspend (Flow<FloatBlock>) -> Unit,
) {
    override fun toString(): String = "Sink($description)"
}
