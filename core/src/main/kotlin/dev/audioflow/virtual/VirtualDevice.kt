package dev.audioflow.virtual

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.AudioFormat
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * A device of a [VirtualBackend]: an input fed by a [VirtualSource], an output played into a
 * [VirtualSink], or both. Create through [VirtualBackend.addInput], [VirtualBackend.addOutput]
 * or [VirtualBackend.addDevice].
 *
 * Fault injection: [vanish] makes running streams fail with
 * [dev.audioflow.AudioErrorKind.StreamInvalidated] and removes the device; [busy] makes opening
 * fail with [dev.audioflow.AudioErrorKind.DeviceBusy]. Thread-safe.
 */
public class VirtualDevice internal constructor(
    private val owner: VirtualBackend,
    override val id: String,
    override val name: String,
    override val maxInputChannels: Int,
    override val maxOutputChannels: Int,
    override val defaultSampleRate: Int,
    /** What the input side captures; null for an output-only device. */
    public val source: VirtualSource?,
    /** Where the output side plays; null for an input-only device. */
    public val sink: VirtualSink?,
) : AudioDevice {
    override val backend: AudioBackend get() = owner
    override val hostApi: String get() = owner.name
    @get:JvmSynthetic override val defaultLowInputLatency: Duration get() = LOW_LATENCY
    @get:JvmSynthetic override val defaultHighInputLatency: Duration get() = HIGH_LATENCY
    @get:JvmSynthetic override val defaultLowOutputLatency: Duration get() = LOW_LATENCY
    @get:JvmSynthetic override val defaultHighOutputLatency: Duration get() = HIGH_LATENCY
    override val supportedSampleRates: List<Int> get() = (AudioFormat.STANDARD_SAMPLE_RATES + defaultSampleRate).distinct().sorted()
    override val isDefaultInput: Boolean get() = owner.defaultInputOrNull() === this
    override val isDefaultOutput: Boolean get() = owner.defaultOutputOrNull() === this

    /** True once [vanish] was called. */
    @Volatile public var vanished: Boolean = false
        private set

    /** While true, opening a stream on this device fails with DeviceBusy. */
    @Volatile public var busy: Boolean = false

    /**
     * Simulates unplugging: running streams fail with StreamInvalidated naming this device, the
     * device leaves the list and the backend's device events report it removed. Idempotent.
     */
    public fun vanish() {
        vanished = true
        owner.remove(this)
    }

    override fun toString(): String = "VirtualDevice($id '$name', in=$maxInputChannels, out=$maxOutputChannels)"

    private companion object {
        val LOW_LATENCY = 5.milliseconds
        val HIGH_LATENCY = 50.milliseconds
    }
}
