package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.HostApiType

/**
 * WASAPI (Windows) settings for one side of a PortAudio stream: PortAudio's `PaWasapiStreamInfo`
 * (`pa_win_wasapi.h`), shaped after python-sounddevice's `WasapiSettings`. Pass it as
 * [PortAudioSettings.input] or [PortAudioSettings.output]; a stream on a device of another host
 * API rejects it with [dev.audioflow.AudioErrorKind.InvalidArgument].
 *
 * Untested on Windows: the Linux machines the tests run on have no WASAPI. What is tested is the
 * structure this becomes, byte for byte against PortAudio's own header compiled for Windows x64
 * (see `docs/host-api-settings.md`). Immutable; any thread. PortAudio's host-processor redirect
 * (`paWinWasapiRedirectHostProcessor`) is not offered: it would hand the device buffers to a
 * second callback, around audioflow's rings.
 *
 * ```
 * val exclusive = PortAudioSettings(output = WasapiStreamSettings(exclusive = true))
 * audio.play(device, StreamConfig(format, settings = listOf(exclusive)), blocks)
 * ```
 *
 * @property exclusive `paWinWasapiExclusive`: open the device in exclusive mode, past the Windows
 *   mixer: the lowest latency, but the stream's format must be one the device plays natively and
 *   no other application can use the device meanwhile.
 * @property autoConvert `paWinWasapiAutoConvert` (PortAudio 19.7 and later): in shared mode, let
 *   Windows convert the stream's rate and sample format to the mixer's instead of failing the
 *   open. Opening with it on an older PortAudio, which does not know the flag, fails with
 *   [dev.audioflow.AudioErrorKind.InvalidArgument] naming the loaded version.
 * @property polling `paWinWasapiPolling`: poll the device instead of waiting for its buffer events
 *   (PortAudio sets this itself where the events are known to be broken).
 * @property threadPriority `paWinWasapiThreadPriority`: the MMCSS task class of PortAudio's
 *   audio thread; null leaves PortAudio's own choice.
 * @property channelMask `paWinWasapiUseChannelMask`: `WAVEFORMATEXTENSIBLE` speaker bits
 *   (`SPEAKER_FRONT_LEFT` 0x1, `SPEAKER_FRONT_RIGHT` 0x2, `SPEAKER_FRONT_CENTER` 0x4...) naming
 *   the speakers a multichannel stream's channels go to; null lets Windows choose.
 * @property streamCategory the audio category Windows applies its policies (ducking, routing) to.
 * @property streamOption the stream option (raw mode skips the device's effects).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a channel mask of 0.
 */
public data class WasapiStreamSettings @JvmOverloads constructor(
    public val exclusive: Boolean = false,
    public val autoConvert: Boolean = false,
    public val polling: Boolean = false,
    public val threadPriority: WasapiThreadPriority? = null,
    public val channelMask: Int? = null,
    public val streamCategory: WasapiStreamCategory = WasapiStreamCategory.Other,
    public val streamOption: WasapiStreamOption = WasapiStreamOption.None,
) : HostApiStreamSettings {
    init {
        AudioException.require(channelMask != 0) { "WASAPI channelMask must name at least one speaker bit, was 0 (use null to let Windows choose)" }
    }

    override val hostApiType: HostApiType get() = HostApiType.Wasapi
}
