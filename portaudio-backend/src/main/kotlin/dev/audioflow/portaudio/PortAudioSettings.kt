package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.BackendSettings
import dev.audioflow.BlockSize
import dev.audioflow.HostApiType
import dev.audioflow.SampleFormat

/**
 * PortAudio stream options, passed in [dev.audioflow.StreamConfig.settings]; other backends
 * ignore them.
 *
 * ```
 * StreamConfig(format, blockSize = BlockSize.Fixed(128), settings = listOf(PortAudioSettings(ditherOff = true)))
 * ```
 *
 * @property clipOff `paClipOff`: do not clip out-of-range samples when PortAudio converts them.
 * @property ditherOff `paDitherOff`: do not dither when PortAudio converts to a narrower format.
 * @property neverDropInput `paNeverDropInput`: full-duplex streams with [dev.audioflow.BlockSize.Variable] only;
 *   PortAudio then never discards input to recover from an overflow (it fails the open otherwise).
 * @property primeOutputBuffersUsingStreamCallback `paPrimeOutputBuffersUsingStreamCallback`: fill
 *   the initial output buffers from the stream rather than with silence; those cycles' blocks
 *   carry [dev.audioflow.BlockStatus.primingOutput].
 * @property deviceSampleFormat the sample format exchanged with PortAudio. [SampleFormat.FLOAT32]
 *   (the default) lets PortAudio convert to whatever the device uses. An integer format asks
 *   PortAudio for exactly that format, so samples reach the device untouched by PortAudio's
 *   converters, clipping and dither; see [rawInput] and [playRawOn]. On the JVM side the
 *   samples are still floats scaled as [SampleFormat] documents: exact for 8, 16 and 24 bits,
 *   rounded to 24 significant bits for [SampleFormat.INT32].
 * @property input host-API specific settings for the input side, or null.
 * @property output host-API specific settings for the output side, or null.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for
 *   [SampleFormat.FLOAT64], which no PortAudio device exchanges.
 */
public data class PortAudioSettings @JvmOverloads constructor(
    public val clipOff: Boolean = false,
    public val ditherOff: Boolean = false,
    public val neverDropInput: Boolean = false,
    public val primeOutputBuffersUsingStreamCallback: Boolean = false,
    public val deviceSampleFormat: SampleFormat = SampleFormat.FLOAT32,
    public val input: HostApiStreamSettings? = null,
    public val output: HostApiStreamSettings? = null,
) : BackendSettings {
    init {
        AudioException.require(deviceSampleFormat != SampleFormat.FLOAT64) {
            "deviceSampleFormat FLOAT64 is not a PortAudio sample format (use FLOAT32, INT32, INT24, INT16, INT8 or UINT8)"
        }
    }
}

/**
 * Settings PortAudio passes to one host API for one direction of a stream
 * (`PaStreamParameters.hostApiSpecificStreamInfo`).
 *
 * One implementation per host API: [AlsaStreamSettings] (Linux), [WasapiStreamSettings] and
 * [AsioStreamSettings] (Windows), [CoreAudioStreamSettings] (macOS). A stream rejects settings
 * whose [hostApiType] differs from its device's host API, and settings of a type this binding
 * does not know, with [dev.audioflow.AudioErrorKind.InvalidArgument].
 *
 * ```
 * PortAudioSettings(input = AlsaStreamSettings(deviceString = "hw:1,0"))
 * ```
 */
public interface HostApiStreamSettings {
    /** The host API these settings belong to. */
    public val hostApiType: HostApiType
}

/**
 * ALSA settings for one side of a stream.
 *
 * @property deviceString an ALSA PCM name (`hw:1,0`, `plughw:0`, a name from asound.conf) opened
 *   instead of the device's own (`paUseHostApiSpecificDeviceSpecification` with
 *   `PaAlsaStreamInfo.deviceString`); the stream's device still supplies channel limits and the
 *   default latency. Null uses the device.
 * @property realtimeScheduling `PaAlsa_EnableRealtimeScheduling`: run the callback thread with
 *   SCHED_FIFO when the process may.
 * @property numPeriods `PaAlsa_SetNumPeriods` for this stream's open: ALSA periods per buffer
 *   (2..16); null keeps PortAudio's default (4).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a blank device
 *   string or a period count out of range.
 */
public data class AlsaStreamSettings @JvmOverloads constructor(
    public val deviceString: String? = null,
    public val realtimeScheduling: Boolean = false,
    public val numPeriods: Int? = null,
) : HostApiStreamSettings {
    init {
        AudioException.require(deviceString == null || deviceString.isNotBlank()) { "ALSA deviceString must not be blank" }
        AudioException.require(numPeriods == null || numPeriods in 2..16) { "ALSA numPeriods must be in 2..16, was $numPeriods" }
    }

    override val hostApiType: HostApiType get() = HostApiType.Alsa

    public companion object {
        /** PortAudio's own number of ALSA periods per buffer. */
        public const val DEFAULT_NUM_PERIODS: Int = 4
    }
}

/**
 * Backend-wide PortAudio options: things PortAudio reads once, at initialisation.
 *
 * @property jackServerName the JACK server PortAudio's JACK host API connects to
 *   (`JACK_DEFAULT_SERVER`, set in the process environment through libc `setenv` before
 *   `Pa_Initialize`, because PortAudio reads it there); null uses the value the process started
 *   with, i.e. the `default` server unless the variable was set.
 * @property jackClientName the JACK client name PortAudio registers (`PaJack_SetClientName`).
 *
 * A JACK server PortAudio is connected to must stay up until PortAudio re-initialises or
 * terminates: Debian's PortAudio 19.6 asserts that closing its JACK client succeeds, so
 * terminating after the server died aborts the process. Call [PortAudioBackend.refresh] with
 * other options (or close every backend) before stopping a server you started.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for blank names.
 */
public data class PortAudioOptions @JvmOverloads constructor(
    public val jackServerName: String? = null,
    public val jackClientName: String = "audioflow",
) {
    init {
        AudioException.require(jackServerName == null || jackServerName.isNotBlank()) { "jackServerName must not be blank" }
        AudioException.require(jackClientName.isNotBlank() && jackClientName.length <= 64) {
            "jackClientName must be 1..64 characters, was '$jackClientName'"
        }
    }
}
