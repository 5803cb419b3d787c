package dev.audioflow.javasound

import dev.audioflow.AudioDevice
import javax.sound.sampled.Mixer
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * A Java Sound mixer with data lines: its `TargetDataLine`s are the input side, its
 * `SourceDataLine`s the output side. Immutable snapshot of one reading of the mixer list.
 *
 * [id] is the mixer's position in Java Sound's list, as text; a stream is opened on the mixer of
 * the same [name] in the list as it is then, so an older snapshot still opens the same mixer.
 * Java Sound reports no latencies: the default ones are the line buffers this backend asks for
 * under [dev.audioflow.Latency.Low] and [dev.audioflow.Latency.High].
 *
 * ```
 * val device = JavaSoundBackend.system.defaultOutputDevice() as JavaSoundDevice
 * println("${device.name} by ${device.vendor}: ${device.supportedSampleRates}")
 * ```
 *
 * @property index position in Java Sound's mixer list.
 * @property vendor the mixer's vendor (`ALSA (http://www.alsa-project.org)` on Linux).
 * @property description the mixer's description.
 */
public class JavaSoundDevice internal constructor(
    override val backend: JavaSoundBackend,
    public val index: Int,
    override val name: String,
    public val vendor: String,
    public val description: String,
    override val hostApi: String,
    override val maxInputChannels: Int,
    override val maxOutputChannels: Int,
    override val defaultSampleRate: Int,
    override val supportedSampleRates: List<Int>,
    override val isDefaultInput: Boolean,
    override val isDefaultOutput: Boolean,
    internal val mixerInfo: Mixer.Info,
) : AudioDevice {
    override val id: String get() = index.toString()
    @get:JvmSynthetic override val defaultLowInputLatency: Duration get() = LOW_LATENCY
    @get:JvmSynthetic override val defaultHighInputLatency: Duration get() = HIGH_LATENCY
    @get:JvmSynthetic override val defaultLowOutputLatency: Duration get() = LOW_LATENCY
    @get:JvmSynthetic override val defaultHighOutputLatency: Duration get() = HIGH_LATENCY

    override fun toString(): String = "JavaSoundDevice($index '$name', $hostApi, $maxInputChannels in, $maxOutputChannels out)"

    private companion object {
        val LOW_LATENCY = 20.milliseconds
        val HIGH_LATENCY = 100.milliseconds
    }
}
