package dev.audioflow

import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * What the backend actually opened, published on [StreamMonitor.info]. Immutable; equal when
 * every property is equal.
 *
 * Not a data class: the generated `copy` and `component` functions of a class with
 * [Duration] properties have mangled names Java cannot call, so they are written out for Kotlin
 * and hidden from Java. Java reads the latencies with
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

    /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
    @JvmSynthetic
    public fun copy(
        sampleRate: Double = this.sampleRate,
        inputLatency: Duration = this.inputLatency,
        outputLatency: Duration = this.outputLatency,
        blockSize: BlockSize = this.blockSize,
        backend: String = this.backend,
        description: String = this.description,
    ): StreamInfo = StreamInfo(sampleRate, inputLatency, outputLatency, blockSize, backend, description)

    /** [sampleRate], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component1(): Double = sampleRate

    /** [inputLatency], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component2(): Duration = inputLatency

    /** [outputLatency], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component3(): Duration = outputLatency

    /** [blockSize], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component4(): BlockSize = blockSize

    /** [backend], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component5(): String = backend

    /** [description], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component6(): String = description

    override fun equals(other: Any?): Boolean = other is StreamInfo && sampleRate == other.sampleRate &&
        inputLatency == other.inputLatency && outputLatency == other.outputLatency && blockSize == other.blockSize &&
        backend == other.backend && description == other.description

    override fun hashCode(): Int = listOf(sampleRate, inputLatency, outputLatency, blockSize, backend, description).hashCode()

    override fun toString(): String =
        "StreamInfo(sampleRate=$sampleRate, inputLatency=$inputLatency, outputLatency=$outputLatency, " +
            "blockSize=$blockSize, backend=$backend, description=$description)"
}
