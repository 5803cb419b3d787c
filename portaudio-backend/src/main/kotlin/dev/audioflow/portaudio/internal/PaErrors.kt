package dev.audioflow.portaudio.internal

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/** PortAudio's `PaErrorCode` values and their mapping onto [AudioErrorKind]. */
internal object PaErrors {
    const val NOT_INITIALIZED = -10000
    const val UNANTICIPATED_HOST_ERROR = -9999
    const val INVALID_CHANNEL_COUNT = -9998
    const val INVALID_SAMPLE_RATE = -9997
    const val INVALID_DEVICE = -9996
    const val INVALID_FLAG = -9995
    const val SAMPLE_FORMAT_NOT_SUPPORTED = -9994
    const val BAD_IO_DEVICE_COMBINATION = -9993
    const val BUFFER_TOO_BIG = -9991
    const val BUFFER_TOO_SMALL = -9990
    const val NULL_CALLBACK = -9989
    const val TIMED_OUT = -9987
    const val INTERNAL_ERROR = -9986
    const val DEVICE_UNAVAILABLE = -9985
    const val INCOMPATIBLE_HOST_API_SPECIFIC_STREAM_INFO = -9984
    const val STREAM_IS_STOPPED = -9983
    const val HOST_API_NOT_FOUND = -9979
    const val INVALID_HOST_API = -9978

    private const val EBUSY = 16L
    private const val ENODEV = 19L
    private const val ENOENT = 2L
    private const val EACCES = 13L

    /** The [AudioErrorKind] for [code]; [hostError] refines unanticipated host errors and unavailable devices. */
    fun kindOf(code: Int, hostError: Long?): AudioErrorKind = when (code) {
        INVALID_DEVICE, HOST_API_NOT_FOUND -> AudioErrorKind.DeviceNotFound
        INVALID_CHANNEL_COUNT, INVALID_SAMPLE_RATE, SAMPLE_FORMAT_NOT_SUPPORTED -> AudioErrorKind.UnsupportedFormat
        INVALID_FLAG, BAD_IO_DEVICE_COMBINATION, BUFFER_TOO_BIG, BUFFER_TOO_SMALL, NULL_CALLBACK,
        INCOMPATIBLE_HOST_API_SPECIFIC_STREAM_INFO, INVALID_HOST_API -> AudioErrorKind.InvalidArgument
        NOT_INITIALIZED -> AudioErrorKind.BackendUnavailable
        DEVICE_UNAVAILABLE, UNANTICIPATED_HOST_ERROR, TIMED_OUT -> hostKind(hostError, code)
        else -> AudioErrorKind.BackendError
    }

    private fun hostKind(hostError: Long?, code: Int): AudioErrorKind = when (hostError?.let { kotlin.math.abs(it) }) {
        EBUSY -> AudioErrorKind.DeviceBusy
        ENODEV, ENOENT, EACCES -> AudioErrorKind.DeviceNotAvailable
        else -> if (code == UNANTICIPATED_HOST_ERROR) AudioErrorKind.BackendError else AudioErrorKind.DeviceNotAvailable
    }
}

/**
 * Turns a `PaError` into an [AudioException] naming [operation], PortAudio's error text and, for
 * host errors, the host API's own code and text. Returns [code] unchanged when it is not an error
 * (several PortAudio functions return counts or booleans through the same type).
 */
internal fun checkError(code: Int, operation: String): Int {
    if (code >= 0) return code
    throw paException(code, operation)
}

internal fun paException(code: Int, operation: String, kindOverride: AudioErrorKind? = null): AudioException {
    val text = PaNative.Pa_GetErrorText(code) ?: "unknown error"
    val host = if (code == PaErrors.UNANTICIPATED_HOST_ERROR || code == PaErrors.DEVICE_UNAVAILABLE) {
        PaNative.Pa_GetLastHostErrorInfo()?.takeIf { it.errorCode.toLong() != 0L }
    } else {
        null
    }
    val hostCode = host?.errorCode?.toLong()
    val message = buildString {
        append(operation).append(" failed: ").append(text).append(" (PaError ").append(code).append(')')
        if (host != null) {
            append("; host API ").append(hostApiTypeName(host.hostApiType)).append(" error ").append(hostCode)
            if (!host.errorText.isNullOrBlank()) append(": ").append(host.errorText)
        }
    }
    return AudioException(kindOverride ?: PaErrors.kindOf(code, hostCode), message, backend = PaLibrary.BACKEND, nativeCode = code)
}
