package dev.audioflow.portaudio.internal

import com.sun.jna.Memory
import com.sun.jna.NativeLong
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.Latency
import dev.audioflow.SampleFormat
import dev.audioflow.portaudio.AlsaStreamSettings
import dev.audioflow.portaudio.HostApiStreamSettings
import dev.audioflow.portaudio.PortAudioDevice
import dev.audioflow.portaudio.PortAudioSettings
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
