package dev.audioflow.portaudio

import dev.audioflow.AudioDevice
import dev.audioflow.HostApiType
import kotlin.time.Duration

/**
 * A PortAudio device as enumerated at one initialisation.
 *
 * [id] is PortAudio's device index as text. Indices are only valid until the device list is
 * [refreshed][PortAudioBackend.refresh]; a device object from an older list is looked up again
 * by host API and name when a stream is opened on it.
 *
 * [supportedSampleRates] are probed with `Pa_IsFormatSupported` on first read (each probe may
 * open the device briefly: ALSA devices take a few milliseconds each); a device of an older
 * initialisation has none.
 *
 * @property index PortAudio's `PaDeviceIndex`.
 * @property hostApiIndex PortAudio's `PaHostApiIndex` of [hostApi].
 * @property hostApiType which host API [hostApi] is (PortAudio's `PaHostApiTypeId`, typed).
 */
public class PortAudioDevice internal constructor(
    override val backend: PortAudioBackend,
    public val index: Int,
    override val name: String,
    public val hostApiIndex: Int,
    public val hostApiType: HostApiType,
    override val hostApi: String,
    override val maxInputChannels: Int,
    override val maxOutputChannels: Int,
    override val defaultSampleRate: Int,
    @get:JvmSynthetic override val defaultLowInputLatency: Duration,
    @get:JvmSynthetic override val defaultHighInputLatency: Duration,
    @get:JvmSynthetic override val defaultLowOutputLatency: Duration,
    @get:JvmSynthetic override val defaultHighOutputLatency: Duration,
    override val isDefaultInput: Boolean,
    override val isDefaultOutput: Boolean,
    internal val generation: Long,
    rateProbe: (PortAudioDevice) -> List<Int>,
) : AudioDevice {
    override val id: String get() = index.toString()

    override val supportedSampleRates: List<Int> by lazy { rateProbe(this) }

    override fun toString(): String = "PortAudioDevice($index '$name', $hostApi, $maxInputChannels in, $maxOutputChannels out)"
}

/**
 * PortAudio's version (`Pa_GetVersion`, `Pa_GetVersionInfo`).
 *
 * @property number packed as `0x00MMmmss`, comparable.
 * @property text PortAudio's display text, e.g. `PortAudio V19.6.0-devel, revision 396fe4b6699ae929d3a685b3ef8a7e97396139a4`.
 * @property revision the source revision PortAudio was built from.
 */
public data class PortAudioVersion(
    public val major: Int,
    public val minor: Int,
    public val subMinor: Int,
    public val number: Int,
    public val text: String,
    public val revision: String,
) {
    override fun toString(): String = text
}
