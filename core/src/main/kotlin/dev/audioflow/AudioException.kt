package dev.audioflow

/**
 * What went wrong, as a closed set callers can branch on.
 *
 * [retryable] says whether the same call may succeed later without the caller changing anything
 * (a busy device may be freed, a server may come back); the others need a different argument,
 * device or installation.
 */
public enum class AudioErrorKind(public val retryable: Boolean) {
    /** An argument is out of range or inconsistent; the message names it. */
    InvalidArgument(false),

    /** The device or file cannot use the requested sample rate, channel count or sample format. */
    UnsupportedFormat(false),

    /** No device, port or host API matches the given id or name. */
    DeviceNotFound(false),

    /** The device exists but another stream or program holds it. */
    DeviceBusy(true),

    /** The device exists but cannot be opened now (unplugged, suspended, no permission). */
    DeviceNotAvailable(true),

    /** The backend's native library or server is missing; the message says what to install or start. */
    BackendUnavailable(true),

    /** A running stream lost its device and cannot continue. */
    StreamInvalidated(true),

    /** The audio server (JACK) shut down while a client was connected. */
    ServerShutdown(true),

    /** A native call failed for another reason; [AudioException.nativeCode] holds its code. */
    BackendError(false),
}

/**
 * The one exception type of audioflow.
 *
 * Thrown by every public entry point for bad arguments, by stream Flows for fatal device
 * conditions, and by backends for native failures. Recoverable glitches (overflows,
 * underflows, xruns) are never exceptions: they travel as [BlockStatus] with the data.
 *
 * @property kind what went wrong; see [AudioErrorKind.retryable].
 * @property backend name of the backend that raised it, or `null` for backend-neutral checks.
 * @property nativeCode the native error code (a `PaError`, a JACK status) when there is one.
 */
public class AudioException @JvmOverloads constructor(
    public val kind: AudioErrorKind,
    message: String,
    cause: Throwable? = null,
    public val backend: String? = null,
    public val nativeCode: Int? = null,
) : RuntimeException(message, cause) {

    override val message: String get() = super.message!!

    override fun toString(): String = buildString {
        append("AudioException[").append(kind)
        if (backend != null) append(", backend=").append(backend)
        if (nativeCode != null) append(", code=").append(nativeCode)
        append("]: ").append(message)
    }

    public companion object {
        /** Throws [AudioErrorKind.InvalidArgument] with [message] unless [condition] holds (Kotlin only). */
        @JvmSynthetic
        public inline fun require(condition: Boolean, message: () -> String) {
            if (!condition) throw AudioException(AudioErrorKind.InvalidArgument, message())
        }
    }
}
