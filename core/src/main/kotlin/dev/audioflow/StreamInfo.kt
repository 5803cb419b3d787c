package dev.audioflow

import kotlin.time.Duration

/**
 * What the backend actually opened, published on [StreamMonitor.info]. Immutable.
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
public data class StreamInfo(
    public val sampleRate: Double,
    public val inputLatency: Duration,
    public val outputLatency: Duration,
    public val blockSize: BlockSize,
    public val backend: String,
    public val description: String = "",
    public val roundTripLatency: Duration = inputLatency + outputLatency,
    public val nativeCallPath: NativeCallPath? = null,
)
