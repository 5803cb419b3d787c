package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.HostApiType

/**
 * Core Audio (macOS) settings for one side of a PortAudio stream: PortAudio's
 * `PaMacCoreStreamInfo` (`pa_mac_core.h`), shaped after python-sounddevice's
 * `CoreAudioSettings`. Pass it as [PortAudioSettings.input] or [PortAudioSettings.output]; a
 * stream on a device of another host API rejects it with
 * [dev.audioflow.AudioErrorKind.InvalidArgument].
 *
 * PortAudio's presets are combinations of these: `paMacCorePro` is [changeDeviceParameters],
 * `paMacCoreMinimizeCPU` is that with [CoreAudioConversionQuality.Min],
 * `paMacCoreMinimizeCPUButPlayNice` is [CoreAudioConversionQuality.Min] alone.
 *
 * Untested on macOS: the Linux machines the tests run on have no Core Audio. What is tested is
 * the structure this becomes, byte for byte against PortAudio's own header compiled for 64-bit
 * macOS's data model (see `docs/host-api-settings.md`). Immutable; any thread.
 *
 * ```
 * // Play a stereo stream on outputs 3 and 4 of a 4-channel interface.
 * val onOutputs34 = PortAudioSettings(output = CoreAudioStreamSettings(channelMap = listOf(-1, -1, 0, 1)))
 * ```
 *
 * @property channelMap which device channels the stream uses (Core Audio's
 *   `kAudioOutputUnitProperty_ChannelMap`). For input, one entry per stream channel: the device
 *   input channel it records (0-based). For output, one entry per device output channel: the
 *   stream channel it plays, or -1 for silence. The open checks the sizes and ranges against the
 *   device and the stream. Null uses the first channels.
 * @property changeDeviceParameters `paMacCoreChangeDeviceParameters`: let PortAudio change the
 *   device's own sample rate and buffer size to the stream's (affecting other applications)
 *   instead of converting.
 * @property failIfConversionRequired `paMacCoreFailIfConversionRequired`: fail the open instead
 *   of converting the sample rate.
 * @property conversionQuality the quality of Core Audio's sample-rate converter when it converts.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an empty channel map
 *   or an entry below -1.
 */
public data class CoreAudioStreamSettings @JvmOverloads constructor(
    public val channelMap: List<Int>? = null,
    public val changeDeviceParameters: Boolean = false,
    public val failIfConversionRequired: Boolean = false,
    public val conversionQuality: CoreAudioConversionQuality = CoreAudioConversionQuality.Max,
) : HostApiStreamSettings {
    init {
        AudioException.require(channelMap == null || channelMap.isNotEmpty()) { "Core Audio channelMap must not be empty (use null for the first channels)" }
        channelMap?.forEachIndexed { i, channel ->
            AudioException.require(channel >= -1) { "Core Audio channelMap[$i] is $channel; entries are channel indices from 0, or -1 for none" }
        }
    }

    override val hostApiType: HostApiType get() = HostApiType.CoreAudio
}
