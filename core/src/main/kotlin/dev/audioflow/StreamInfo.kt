package dev.audioflow

import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * What the backend actually opened, published on [StreamMonitor.info]. Immutable; equal when
 * every property is equal.
 *
 * Not a data class: the generated `copy` and `component` functions of a class with
 * [Duration] properties have mangled names Java cannot call. Java reads the latencies with
 * [inputLatency]`()` and [outputLatency]`()`:
 * ```java
 * StreamInfo info = monitor.getInfo().getValue();
 * System.out.println(info.outputLatency().toMillis() + " ms");
 * ```
 *
 * @property sampleRate the device's actual sample rate in Hz (PortAudio reports a fraction).
 * @property inputLatency actual input latency, [Duration.ZERO] without input.
 * @property outputLatency actual output latency, [Duration.ZERO] without output.
 * @property blockSize frames per native callback.
 * @property backend backend name.
 * @property description backend-specific description (host API, device, server).
 */
public class StreamInfo @JvmOverloads constructor(
    public val sampleRate: Double,
    @get:JvmSynthetic public val inputLatency: Duration,
    @get:JvmSynthetic public val outputLatency: Duration,
    public val blockSize: BlockSize,
    public val backend: String,
    public val description: String = "",
) {
    /** [inputLatency] as a `java.time.Duration` (the Java form). */
    public fun inputLatency(): java.time.Duration = inputLatency.toJavaDuration()

    /** [outputLatency] as a `java.time.Duration` (the Java form). */
    public fun outputLatency(): java.time.Duration = outputLatency.toJavaDuration()

    override fun equals(other: Any?): Boolean = other is StreamInfo && sampleRate == other.sampleRate &&
        inputLatency == other.inputLatency && outputLatency == other.outputLatency && blockSize == other.blockSize &&
        backend == other.backend && description == other.description

    override fun hashCode(): Int = listOf(sampleRate, inputLatency, outputLatency, blockSize, backend, description).hashCode()

    override fun toString(): String =
        "StreamInfo(sampleRate=$sampleRate, inputLatency=$inputLatency, outputLatency=$outputLatency, " +
            "blockSize=$blockSize, backend=$backend, description=$description)"
}
