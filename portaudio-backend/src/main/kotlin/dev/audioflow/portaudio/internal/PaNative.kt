package dev.audioflow.portaudio.internal

import com.sun.jna.Callback
import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import com.sun.jna.NativeLong
import com.sun.jna.Pointer
import com.sun.jna.Structure
import com.sun.jna.ptr.PointerByReference

/**
 * Direct-mapped (`Native.register`) PortAudio 19 functions.
 *
 * Only touch this object once [PaLibrary.library] is loaded: its initializer binds the natives and
 * would fail class initialisation when the library is missing.
 *
 * Widths, verified against Debian's portaudio19-dev headers on Linux x86_64 (LP64): `int`
 * (`PaError`, `PaDeviceIndex`, `PaHostApiIndex`) is 32-bit, `unsigned long`
 * (`PaSampleFormat`, `PaStreamFlags`, `PaStreamCallbackFlags`, the `framesPerBuffer` and
 * `frameCount` arguments) is 64-bit, `PaTime` is a `double`. Non-realtime signatures use
 * [NativeLong] for `unsigned long`, so they stay right where it is 32-bit (Windows, LLP64); the
 * realtime callback takes primitives instead (see [PaCallbackLp64]) because JNA would allocate a
 * [NativeLong] per call. The FFM path binds only the callback (an upcall stub, handed to the
 * `Pointer` form of `Pa_OpenStream`): nothing PortAudio exports is called per cycle.
 */
@Suppress("FunctionName", "LocalVariableName")
internal object PaNative {
    init {
        PaLibrary.bind(PaNative::class.java)
    }

    @JvmStatic external fun Pa_GetVersion(): Int
    @JvmStatic external fun Pa_GetVersionInfo(): PaVersionInfo?
    @JvmStatic external fun Pa_GetErrorText(code: Int): String?
    @JvmStatic external fun Pa_Initialize(): Int
    @JvmStatic external fun Pa_Terminate(): Int
    @JvmStatic external fun Pa_GetHostApiCount(): Int
    @JvmStatic external fun Pa_GetDefaultHostApi(): Int
    @JvmStatic external fun Pa_GetHostApiInfo(hostApi: Int): PaHostApiInfo?
    @JvmStatic external fun Pa_GetLastHostErrorInfo(): PaHostErrorInfo?
    @JvmStatic external fun Pa_GetDeviceCount(): Int
    @JvmStatic external fun Pa_GetDefaultInputDevice(): Int
    @JvmStatic external fun Pa_GetDefaultOutputDevice(): Int
    @JvmStatic external fun Pa_GetDeviceInfo(device: Int): PaDeviceInfo?
    @JvmStatic external fun Pa_IsFormatSupported(input: PaStreamParameters?, output: PaStreamParameters?, sampleRate: Double): Int

    @JvmStatic external fun Pa_OpenStream(
        stream: PointerByReference,
        input: PaStreamParameters?,
        output: PaStreamParameters?,
        sampleRate: Double,
        framesPerBuffer: NativeLong,
        streamFlags: NativeLong,
        callback: Callback,
        userData: Pointer?,
    ): Int

    /** [Pa_OpenStream] with the callback as a function pointer: an FFM upcall stub (`dev.audioflow.spi.UpcallScope`). */
    @JvmStatic external fun Pa_OpenStream(
        stream: PointerByReference,
        input: PaStreamParameters?,
        output: PaStreamParameters?,
        sampleRate: Double,
        framesPerBuffer: NativeLong,
        streamFlags: NativeLong,
        callback: Pointer,
        userData: Pointer?,
    ): Int

    @JvmStatic external fun Pa_CloseStream(stream: Pointer): Int
    @JvmStatic external fun Pa_StartStream(stream: Pointer): Int
    @JvmStatic external fun Pa_StopStream(stream: Pointer): Int
    @JvmStatic external fun Pa_AbortStream(stream: Pointer): Int
    @JvmStatic external fun Pa_IsStreamActive(stream: Pointer): Int
    @JvmStatic external fun Pa_GetStreamInfo(stream: Pointer): PaStreamInfo?
    @JvmStatic external fun Pa_GetStreamTime(stream: Pointer): Double
    @JvmStatic external fun Pa_GetStreamCpuLoad(stream: Pointer): Double
}

/** ALSA host-API extensions (pa_linux_alsa.h); bound only when the library exports them. */
@Suppress("FunctionName")
internal object PaAlsaNative {
    init {
        PaLibrary.bind(PaAlsaNative::class.java)
    }

    @JvmStatic external fun PaAlsa_InitializeStreamInfo(info: PaAlsaStreamInfo)
    @JvmStatic external fun PaAlsa_EnableRealtimeScheduling(stream: Pointer, enable: Int)
    @JvmStatic external fun PaAlsa_SetNumPeriods(numPeriods: Int): Int
}

/** JACK host-API extensions (pa_jack.h); bound only when the library exports them. */
@Suppress("FunctionName")
internal object PaJackNative {
    init {
        PaLibrary.bind(PaJackNative::class.java)
    }

    /** PortAudio keeps the pointer, so the caller keeps the memory alive (see [PaEnvironment]). */
    @JvmStatic external fun PaJack_SetClientName(name: Pointer): Int
}

/** The two libc calls PortAudio's environment-driven settings need (`JACK_DEFAULT_SERVER`). */
internal object LibC {
    init {
        Native.register(LibC::class.java, NativeLibrary.getInstance("c"))
    }

    @JvmStatic external fun setenv(name: String, value: String, overwrite: Int): Int
    @JvmStatic external fun unsetenv(name: String): Int
    @JvmStatic external fun getuid(): Int
}

@Structure.FieldOrder("versionMajor", "versionMinor", "versionSubMinor", "versionControlRevision", "versionText")
internal class PaVersionInfo : Structure() {
    @JvmField var versionMajor: Int = 0
    @JvmField var versionMinor: Int = 0
    @JvmField var versionSubMinor: Int = 0
    @JvmField var versionControlRevision: String? = null
    @JvmField var versionText: String? = null
}

@Structure.FieldOrder("structVersion", "type", "name", "deviceCount", "defaultInputDevice", "defaultOutputDevice")
internal class PaHostApiInfo : Structure() {
    @JvmField var structVersion: Int = 0
    @JvmField var type: Int = 0
    @JvmField var name: String? = null
    @JvmField var deviceCount: Int = 0
    @JvmField var defaultInputDevice: Int = 0
    @JvmField var defaultOutputDevice: Int = 0
}

@Structure.FieldOrder("hostApiType", "errorCode", "errorText")
internal class PaHostErrorInfo : Structure() {
    @JvmField var hostApiType: Int = 0
    @JvmField var errorCode: NativeLong = NativeLong(0)
    @JvmField var errorText: String? = null
}

@Structure.FieldOrder(
    "structVersion", "name", "hostApi", "maxInputChannels", "maxOutputChannels",
    "defaultLowInputLatency", "defaultLowOutputLatency", "defaultHighInputLatency", "defaultHighOutputLatency",
    "defaultSampleRate",
)
internal class PaDeviceInfo : Structure() {
    @JvmField var structVersion: Int = 0
    @JvmField var name: String? = null
    @JvmField var hostApi: Int = 0
    @JvmField var maxInputChannels: Int = 0
    @JvmField var maxOutputChannels: Int = 0
    @JvmField var defaultLowInputLatency: Double = 0.0
    @JvmField var defaultLowOutputLatency: Double = 0.0
    @JvmField var defaultHighInputLatency: Double = 0.0
    @JvmField var defaultHighOutputLatency: Double = 0.0
    @JvmField var defaultSampleRate: Double = 0.0
}

@Structure.FieldOrder("device", "channelCount", "sampleFormat", "suggestedLatency", "hostApiSpecificStreamInfo")
internal class PaStreamParameters : Structure() {
    @JvmField var device: Int = 0
    @JvmField var channelCount: Int = 0
    @JvmField var sampleFormat: NativeLong = NativeLong(0)
    @JvmField var suggestedLatency: Double = 0.0
    @JvmField var hostApiSpecificStreamInfo: Pointer? = null
}

@Structure.FieldOrder("structVersion", "inputLatency", "outputLatency", "sampleRate")
internal class PaStreamInfo : Structure() {
    @JvmField var structVersion: Int = 0
    @JvmField var inputLatency: Double = 0.0
    @JvmField var outputLatency: Double = 0.0
    @JvmField var sampleRate: Double = 0.0
}

@Structure.FieldOrder("size", "hostApiType", "version", "deviceString")
internal class PaAlsaStreamInfo : Structure() {
    @JvmField var size: NativeLong = NativeLong(0)
    @JvmField var hostApiType: Int = 0
    @JvmField var version: NativeLong = NativeLong(0)
    @JvmField var deviceString: Pointer? = null
}

/** Constants of portaudio.h. */
internal object Pa {
    const val USE_HOST_API_SPECIFIC_DEVICE = -2

    /** `paFramesPerBufferUnspecified`: the host picks the frames of each callback. */
    const val FRAMES_PER_BUFFER_UNSPECIFIED = 0L

    const val FLOAT32 = 0x01L
    const val INT32 = 0x02L
    const val INT24 = 0x04L
    const val INT16 = 0x08L
    const val INT8 = 0x10L
    const val UINT8 = 0x20L

    const val CLIP_OFF = 0x01L
    const val DITHER_OFF = 0x02L
    const val NEVER_DROP_INPUT = 0x04L
    const val PRIME_OUTPUT_BUFFERS_USING_STREAM_CALLBACK = 0x08L

    const val INPUT_UNDERFLOW = 0x01L
    const val INPUT_OVERFLOW = 0x02L
    const val OUTPUT_UNDERFLOW = 0x04L
    const val OUTPUT_OVERFLOW = 0x08L
    const val PRIMING_OUTPUT = 0x10L

    const val CONTINUE = 0
    const val ABORT = 2
}
