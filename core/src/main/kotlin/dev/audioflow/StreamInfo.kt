package dev.audioflow

import kotlin.time.Duration

/**
 * What the backend actually opened, published on [StreamMonitor.info]. Immutable.
 *
 * @property sampleRate the device's actual sample rate in Hz (PortAudio reports a fraction).
 * @property inputLatency actual input latency, [Duration.ZERO] without input.
 * @property outputLatency actual output latency, [Duration.ZERO] without output.
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
    public val nativeCallPath: NativeCallPath? = null,
)
