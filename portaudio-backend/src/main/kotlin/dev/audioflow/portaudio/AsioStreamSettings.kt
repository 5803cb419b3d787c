package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.HostApiType

/**
 * ASIO (Windows) settings for one side of a PortAudio stream: PortAudio's `PaAsioStreamInfo`
 * (`pa_asio.h`) with `paAsioUseChannelSelectors`, shaped after python-sounddevice's
 * `AsioSettings`. Pass it as [PortAudioSettings.input] or [PortAudioSettings.output]; a stream
 * on a device of another host API rejects it with [dev.audioflow.AudioErrorKind.InvalidArgument].
 *
 * Untested on Windows: the Linux machines the tests run on have no ASIO. What is tested is the
 * structure this becomes, byte for byte against PortAudio's own header compiled for Windows x64
 * (see `docs/host-api-settings.md`). Immutable; any thread.
 *
 * ```
 * // Record a mono stream from the interface's third input.
 * val third = PortAudioSettings(input = AsioStreamSettings(listOf(2)))
 * ```
 *
 * @property channelSelectors the device channel (0-based) of each stream channel, in order: as
 *   many entries as the stream has channels on this side, each below the device's channel count;
 *   the open checks both (PortAudio itself would read past a shorter list).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an empty list or a
 *   negative channel.
 */
public data class AsioStreamSettings(
    public val channelSelectors: List<Int>,
) : HostApiStreamSettings {
    init {
        AudioException.require(channelSelectors.isNotEmpty()) { "ASIO channelSelectors must name at least one device channel" }
        channelSelectors.forEachIndexed { i, channel ->
            AudioException.require(channel >= 0) { "ASIO channelSelectors[$i] is $channel; device channels count from 0" }
        }
    }

    override val hostApiType: HostApiType get() = HostApiType.Asio
}
