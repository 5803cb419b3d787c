package dev.audioflow

import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * One audio device of a backend: its identity and capabilities.
 *
 * Immutable snapshot taken when the device list was read; a device that disappears later makes
 * streams on it fail with [AudioErrorKind.StreamInvalidated] or [AudioErrorKind.DeviceNotFound].
 */
public interface AudioDevice {
    /** The backend this device belongs to. */
    public val backend: AudioBackend

    /** Identifier unique within the backend (PortAudio's device index, JACK's server name...). */
    public val id: String

    /** Human-readable name. */
    public val name: String

    /** Name of the host API, or the backend name. */
    public val hostApi: String

    /** Input channels, 0 for an output-only device. */
    public val maxInputChannels: Int

    /** Output channels, 0 for an input-only device. */
    public val maxOutputChannels: Int

    /** The device's preferred sample rate in Hz. */
    public val defaultSampleRate: Int

    /**
     * Sample rates in Hz a stream can be opened at on this device, ascending: those of
     * [AudioFormat.STANDARD_SAMPLE_RATES] the device accepts (PortAudio probes them, Java Sound
     * reads its lines' formats), or the one rate it runs at (a JACK server's). A device may
     * accept rates between these too (a virtual device takes any); [AudioBackend.checkFormat]
     * has the last word. By default just [defaultSampleRate].
     */
    public val supportedSampleRates: List<Int> get() = listOf(defaultSampleRate)

    /** Default low input latency (what [Latency.Low] asks for on the input side). */
    @get:JvmSynthetic
    public val defaultLowInputLatency: Duration

    /** Default low input latency as a `java.time.Duration`: the Java form of the property of that name. */
    public fun defaultLowInputLatency(): java.time.Duration = defaultLowInputLatency.toJavaDuration()

    /** Default high input latency (what [Latency.High] asks for on the input side). */
    @get:JvmSynthetic
    public val defaultHighInputLatency: Duration

    /** Default high input latency as a `java.time.Duration`: the Java form of the property of that name. */
    public fun defaultHighInputLatency(): java.time.Duration = defaultHighInputLatency.toJavaDuration()

    /** Default low output latency (what [Latency.Low] asks for on the output side). */
    @get:JvmSynthetic
    public val defaultLowOutputLatency: Duration

    /** Default low output latency as a `java.time.Duration`: the Java form of the property of that name. */
    public fun defaultLowOutputLatency(): java.time.Duration = defaultLowOutputLatency.toJavaDuration()

    /** Default high output latency (what [Latency.High] asks for on the output side). */
    @get:JvmSynthetic
    public val defaultHighOutputLatency: Duration

    /** Default high output latency as a `java.time.Duration`: the Java form of the property of that name. */
    public fun defaultHighOutputLatency(): java.time.Duration = defaultHighOutputLatency.toJavaDuration()

    /** True if this is the backend's default input device. */
    public val isDefaultInput: Boolean

    /** True if this is the backend's default output device. */
    public val isDefaultOutput: Boolean
}
