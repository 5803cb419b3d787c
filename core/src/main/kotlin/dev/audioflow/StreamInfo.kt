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
 * @property roundTripLatency for a duplex stream, the delay from a frame entering the input to
 *   its passthrough leaving the output, as the stream has it now: the device's own round trip
 *   plus the frames the stream queues between them (its target, [StreamConfig.duplexBlocks]
 *   blocks, plus any silence an underflow inserted and a resync has not yet taken back).
 *   Published anew whenever it changes. By default (and for one-sided streams) the device's
 *   input plus output latency.
 * @property blockSize frames per native callback.
 * @property backend backend name.
 * @property description backend-specific description (host API, device, server).
 * @property nativeCallPath how the native callbacks of this stream reach the JVM (JNA or FFM);
 *   null for a stream without native callbacks (the virtual backend, Java Sound).
 */
public class StreamInfo @JvmOverloads constructor(
    public val sampleRate: Double,
    @get:JvmSynthetic public val inputLatency: Duration,
    @get:JvmSynthetic public val outputLatency: Duration,
    public val blockSize: BlockSize,
    public val backend: String,
    public val description: String = "",
    @get:JvmSynthetic public val roundTripLatency: Duration = inputLatency + outputLatency,
    public val nativeCallPath: NativeCallPath? = null,
) {
    /** [inputLatency] as a `java.time.Duration` (the Java form). */
    public fun inputLatency(): java.time.Duration = inputLatency.toJavaDuration()

    /** [outputLatency] as a `java.time.Duration` (the Java form). */
    public fun outputLatency(): java.time.Duration = outputLatency.toJavaDuration()

    /** [roundTripLatency] as a `java.time.Duration` (the Java form). */
    public fun roundTripLatency(): java.time.Duration = roundTripLatency.toJavaDuration()

    /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
    @JvmSynthetic
    public fun copy(
        sampleRate: Double = this.sampleRate,
        inputLatency: Duration = this.inputLatency,
        outputLatency: Duration = this.outputLatency,
        blockSize: BlockSize = this.blockSize,
        backend: String = this.backend,
        description: String = this.description,
        roundTripLatency: Duration = this.roundTripLatency,
        nativeCallPath: NativeCallPath? = this.nativeCallPath,
    ): StreamInfo = StreamInfo(sampleRate, inputLatency, outputLatency, blockSize, backend, description, roundTripLatency, nativeCallPath)

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

    /** [roundTripLatency], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component7(): Duration = roundTripLatency

    /** [nativeCallPath], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component8(): NativeCallPath? = nativeCallPath

    override fun equals(other: Any?): Boolean = other is StreamInfo && sampleRate == other.sampleRate &&
        inputLatency == other.inputLatency && outputLatency == other.outputLatency && blockSize == other.blockSize &&
        backend == other.backend && description == other.description && roundTripLatency == other.roundTripLatency &&
        nativeCallPath == other.nativeCallPath

    override fun hashCode(): Int = listOf(sampleRate, inputLatency, outputLatency, blockSize, backend, description, roundTripLatency, nativeCallPath).hashCode()

    override fun toString(): String =
        "StreamInfo(sampleRate=$sampleRate, inputLatency=$inputLatency, outputLatency=$outputLatency, " +
            "blockSize=$blockSize, backend=$backend, description=$description, roundTripLatency=$roundTripLatency, nativeCallPath=$nativeCallPath)"
}
