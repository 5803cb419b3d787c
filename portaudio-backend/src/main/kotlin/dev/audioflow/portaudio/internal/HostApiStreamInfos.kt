package dev.audioflow.portaudio.internal

import dev.audioflow.portaudio.AsioStreamSettings
import dev.audioflow.portaudio.CoreAudioConversionQuality
import dev.audioflow.portaudio.CoreAudioStreamSettings
import dev.audioflow.portaudio.WasapiStreamCategory
import dev.audioflow.portaudio.WasapiStreamOption
import dev.audioflow.portaudio.WasapiStreamSettings
import dev.audioflow.portaudio.WasapiThreadPriority

/**
 * The platform host APIs' stream-info structures (`PaWasapiStreamInfo`, `PaMacCoreStreamInfo`,
 * `PaAsioStreamInfo`) as bytes for a [CAbi], with the constants of their headers. The layouts and
 * values are those of PortAudio 19.6 and 19.7, which share them; `HostApiLayoutSpec` compares
 * every one with PortAudio's headers compiled for its platform.
 */
internal object HostApiStreamInfos {
    /** `paASIO`, `paCoreAudio`, `paWASAPI` (`PaHostApiTypeId`). */
    const val PA_ASIO = 3
    const val PA_CORE_AUDIO = 5
    const val PA_WASAPI = 13

    /** The `version` each structure has in PortAudio 19.6 and 19.7 (the value their open checks). */
    const val VERSION = 1L

    const val WASAPI_EXCLUSIVE = 1L shl 0
    const val WASAPI_USE_CHANNEL_MASK = 1L shl 2
    const val WASAPI_POLLING = 1L shl 3
    const val WASAPI_THREAD_PRIORITY = 1L shl 4

    /** PortAudio 19.7's `paWinWasapiAutoConvert`; 19.6's header (Debian's) does not have it. */
    const val WASAPI_AUTO_CONVERT = 1L shl 6

    /** `Pa_GetVersion()` of the first PortAudio that knows [WASAPI_AUTO_CONVERT]. */
    const val WASAPI_AUTO_CONVERT_SINCE = 0x00130700

    const val MAC_CORE_CHANGE_DEVICE_PARAMETERS = 0x01L
    const val MAC_CORE_FAIL_IF_CONVERSION_REQUIRED = 0x02L

    const val ASIO_USE_CHANNEL_SELECTORS = 0x01L

    fun wasapi(settings: WasapiStreamSettings, abi: CAbi): ByteArray {
        var flags = 0L
        if (settings.exclusive) flags = flags or WASAPI_EXCLUSIVE
        if (settings.autoConvert) flags = flags or WASAPI_AUTO_CONVERT
        if (settings.polling) flags = flags or WASAPI_POLLING
        if (settings.threadPriority != null) flags = flags or WASAPI_THREAD_PRIORITY
        if (settings.channelMask != null) flags = flags or WASAPI_USE_CHANNEL_MASK
        return CStruct(abi)
            .sizeOfStruct()
            .int(PA_WASAPI)
            .long(VERSION)
            .long(flags)
            .long((settings.channelMask ?: 0).toLong() and 0xFFFF_FFFFL) // PaWinWaveFormatChannelMask
            .pointer(0) // hostProcessorOutput: not offered
            .pointer(0) // hostProcessorInput
            .int(settings.threadPriority?.let(::wasapiThreadPriority) ?: 0) // eThreadPriorityNone
            .int(wasapiStreamCategory(settings.streamCategory))
            .int(wasapiStreamOption(settings.streamOption))
            .bytes()
    }

    /** [channelMap] is the address of [CoreAudioStreamSettings.channelMap] as C `SInt32`s, 0 when it is null. */
    fun coreAudio(settings: CoreAudioStreamSettings, abi: CAbi, channelMap: Long): ByteArray {
        var flags = macCoreConversionQuality(settings.conversionQuality)
        if (settings.changeDeviceParameters) flags = flags or MAC_CORE_CHANGE_DEVICE_PARAMETERS
        if (settings.failIfConversionRequired) flags = flags or MAC_CORE_FAIL_IF_CONVERSION_REQUIRED
        return CStruct(abi)
            .sizeOfStruct()
            .int(PA_CORE_AUDIO)
            .long(VERSION)
            .long(flags)
            .pointer(channelMap)
            .long(settings.channelMap?.size?.toLong() ?: 0)
            .bytes()
    }

    /** [channelSelectors] is the address of [AsioStreamSettings.channelSelectors] as C `int`s. */
    fun asio(abi: CAbi, channelSelectors: Long): ByteArray = CStruct(abi)
        .sizeOfStruct()
        .int(PA_ASIO)
        .long(VERSION)
        .long(ASIO_USE_CHANNEL_SELECTORS)
        .pointer(channelSelectors)
        .bytes()

    /** `PaWasapiThreadPriority`. */
    fun wasapiThreadPriority(priority: WasapiThreadPriority): Int = when (priority) {
        WasapiThreadPriority.Audio -> 1
        WasapiThreadPriority.Capture -> 2
        WasapiThreadPriority.Distribution -> 3
        WasapiThreadPriority.Games -> 4
        WasapiThreadPriority.Playback -> 5
        WasapiThreadPriority.ProAudio -> 6
        WasapiThreadPriority.WindowManager -> 7
    }

    /** `PaWasapiStreamCategory`. */
    fun wasapiStreamCategory(category: WasapiStreamCategory): Int = when (category) {
        WasapiStreamCategory.Other -> 0
        WasapiStreamCategory.Communications -> 3
        WasapiStreamCategory.Alerts -> 4
        WasapiStreamCategory.SoundEffects -> 5
        WasapiStreamCategory.GameEffects -> 6
        WasapiStreamCategory.GameMedia -> 7
        WasapiStreamCategory.GameChat -> 8
        WasapiStreamCategory.Speech -> 9
        WasapiStreamCategory.Movie -> 10
        WasapiStreamCategory.Media -> 11
    }

    /** `PaWasapiStreamOption`. */
    fun wasapiStreamOption(option: WasapiStreamOption): Int = when (option) {
        WasapiStreamOption.None -> 0
        WasapiStreamOption.Raw -> 1
        WasapiStreamOption.MatchFormat -> 2
    }

    /** The `paMacCoreConversionQuality*` bits. */
    fun macCoreConversionQuality(quality: CoreAudioConversionQuality): Long = when (quality) {
        CoreAudioConversionQuality.Min -> 0x0100L
        CoreAudioConversionQuality.Medium -> 0x0200L
        CoreAudioConversionQuality.Low -> 0x0300L
        CoreAudioConversionQuality.High -> 0x0400L
        CoreAudioConversionQuality.Max -> 0x0000L
    }
}
