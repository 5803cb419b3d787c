package dev.audioflow.portaudio.internal

import com.sun.jna.Memory
import com.sun.jna.NativeLong
import com.sun.jna.Pointer
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.Latency
import dev.audioflow.SampleFormat
import dev.audioflow.portaudio.AlsaStreamSettings
import dev.audioflow.portaudio.AsioStreamSettings
import dev.audioflow.portaudio.CoreAudioStreamSettings
import dev.audioflow.portaudio.HostApiStreamSettings
import dev.audioflow.portaudio.PortAudioDevice
import dev.audioflow.portaudio.PortAudioSettings
import dev.audioflow.portaudio.WasapiStreamSettings
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.DurationUnit

/**
 * `PaStreamParameters` for one side of a stream, with the native memory it points to kept
 * reachable for as long as this object is.
 */
internal class PaSide(
    val device: PortAudioDevice,
    val channels: Int,
    val isInput: Boolean,
    settings: PortAudioSettings,
    latency: Latency,
) {
    val hostSettings: HostApiStreamSettings? = if (isInput) settings.input else settings.output
    val params = PaStreamParameters()
    private var keepAlive: Any? = null

    init {
        params.device = device.index
        params.channelCount = channels
        params.sampleFormat = NativeLong(paSampleFormat(settings.deviceSampleFormat))
        val suggested = when (latency) {
            Latency.Low -> if (isInput) device.defaultLowInputLatency else device.defaultLowOutputLatency
            Latency.High -> if (isInput) device.defaultHighInputLatency else device.defaultHighOutputLatency
            is Latency.Explicit -> latency.duration
        }
        params.suggestedLatency = suggested.toDouble(DurationUnit.SECONDS)
        hostSettings?.let { applyHostSettings(it) }
        params.write()
    }

    private fun applyHostSettings(host: HostApiStreamSettings) {
        val side = if (isInput) "input" else "output"
        AudioException.require(host.hostApiType == device.hostApiType) {
            "$side host-API settings $host are for host API ${hostApiTypeName(host.hostApiType)}, but device " +
                "'${device.name}' (id ${device.id}) belongs to ${device.hostApi}"
        }
        when (host) {
            is AlsaStreamSettings -> host.deviceString?.let { applyAlsaDeviceString(it) }
            is WasapiStreamSettings -> applyWasapi(host, side)
            is CoreAudioStreamSettings -> applyCoreAudio(host, side)
            is AsioStreamSettings -> applyAsio(host, side)
            else -> throw AudioException(
                AudioErrorKind.InvalidArgument,
                "$side host-API settings ${host::class.qualifiedName} are not supported by this PortAudio binding",
                backend = PaLibrary.BACKEND,
            )
        }
    }

    private fun applyAlsaDeviceString(deviceString: String) {
        val text = Memory(deviceString.toByteArray().size + 1L).apply { setString(0, deviceString, "UTF-8") }
        val info = PaAlsaStreamInfo()
        PaAlsaNative.PaAlsa_InitializeStreamInfo(info)
        info.read()
        info.deviceString = text
        info.write()
        params.device = Pa.USE_HOST_API_SPECIFIC_DEVICE
        params.hostApiSpecificStreamInfo = info.pointer
        keepAlive = listOf(text, info)
    }

    private fun applyWasapi(host: WasapiStreamSettings, side: String) {
        if (host.autoConvert) {
            val version = PaNative.Pa_GetVersion()
            AudioException.require(version >= HostApiStreamInfos.WASAPI_AUTO_CONVERT_SINCE) {
                "$side WASAPI autoConvert needs PortAudio 19.7 or later; the loaded PortAudio is " +
                    "${version shr 16 and 0xFF}.${version shr 8 and 0xFF}.${version and 0xFF}"
            }
        }
        pointTo(HostApiStreamInfos.wasapi(host, CAbi.current))
    }

    private fun applyCoreAudio(host: CoreAudioStreamSettings, side: String) {
        val map = host.channelMap
        val native = map?.let { entries ->
            if (isInput) {
                AudioException.require(entries.size == channels) {
                    "$side Core Audio channelMap has ${entries.size} entries; an input map needs one per stream channel ($channels)"
                }
                entries.forEachIndexed { i, channel ->
                    AudioException.require(channel in 0 until device.maxInputChannels) {
                        "$side Core Audio channelMap[$i] is $channel; device '${device.name}' has input channels 0..${device.maxInputChannels - 1}"
                    }
                }
            } else {
                AudioException.require(entries.size == device.maxOutputChannels) {
                    "$side Core Audio channelMap has ${entries.size} entries; an output map needs one per output channel of " +
                        "device '${device.name}' (${device.maxOutputChannels})"
                }
                entries.forEachIndexed { i, channel ->
                    AudioException.require(channel in -1 until channels) {
                        "$side Core Audio channelMap[$i] is $channel; an output map names stream channels 0..${channels - 1}, or -1 for none"
                    }
                }
            }
            intArrayMemory(entries)
        }
        pointTo(HostApiStreamInfos.coreAudio(host, CAbi.current, native?.let(Pointer::nativeValue) ?: 0), native)
    }

    private fun applyAsio(host: AsioStreamSettings, side: String) {
        val selectors = host.channelSelectors
        AudioException.require(selectors.size == channels) {
            "$side ASIO channelSelectors has ${selectors.size} entries; the stream has $channels channels on this side"
        }
        val deviceChannels = if (isInput) device.maxInputChannels else device.maxOutputChannels
        selectors.forEachIndexed { i, channel ->
            AudioException.require(channel < deviceChannels) {
                "$side ASIO channelSelectors[$i] is $channel; device '${device.name}' has $side channels 0..${deviceChannels - 1}"
            }
        }
        val native = intArrayMemory(selectors)
        pointTo(HostApiStreamInfos.asio(CAbi.current, Pointer.nativeValue(native)), native)
    }

    /** Points the parameters' `hostApiSpecificStreamInfo` at a native copy of [info], kept reachable with [arrays] it points to. */
    private fun pointTo(info: ByteArray, vararg arrays: Memory?) {
        val memory = Memory(info.size.toLong()).apply { write(0, info, 0, info.size) }
        params.hostApiSpecificStreamInfo = memory
        keepAlive = listOf(memory) + arrays.filterNotNull()
    }

    private fun intArrayMemory(values: List<Int>): Memory =
        Memory(Int.SIZE_BYTES.toLong() * values.size).apply { write(0, values.toIntArray(), 0, values.size) }

    val description: String get() = "'${device.name}' ${channels}ch" +
        ((hostSettings as? AlsaStreamSettings)?.deviceString?.let { " as ALSA '$it'" } ?: "")
}

/** PortAudio's `PaSampleFormat` bit for [format]. */
internal fun paSampleFormat(format: SampleFormat): Long = when (format) {
    SampleFormat.FLOAT32 -> Pa.FLOAT32
    SampleFormat.INT32 -> Pa.INT32
    SampleFormat.INT24 -> Pa.INT24
    SampleFormat.INT16 -> Pa.INT16
    SampleFormat.INT8 -> Pa.INT8
    SampleFormat.UINT8 -> Pa.UINT8
    SampleFormat.FLOAT64 -> throw AudioException(AudioErrorKind.InvalidArgument, "FLOAT64 is not a PortAudio sample format")
}

/** `PaStreamFlags` for [settings]. */
internal fun paStreamFlags(settings: PortAudioSettings): Long {
    var flags = 0L
    if (settings.clipOff) flags = flags or Pa.CLIP_OFF
    if (settings.ditherOff) flags = flags or Pa.DITHER_OFF
    if (settings.neverDropInput) flags = flags or Pa.NEVER_DROP_INPUT
    if (settings.primeOutputBuffersUsingStreamCallback) flags = flags or Pa.PRIME_OUTPUT_BUFFERS_USING_STREAM_CALLBACK
    return flags
}

/** PortAudio's `PaTime` (seconds, a double) as a [Duration]; [Duration.ZERO] for the negative or non-finite values a broken driver may report. */
internal fun paDuration(seconds: Double): Duration = if (seconds.isFinite() && seconds > 0) seconds.seconds else Duration.ZERO
