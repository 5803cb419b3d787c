package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.NativeCallPath
import java.util.ServiceConfigurationError
import java.util.ServiceLoader

/**
 * Backend SPI: which [NativeCallPath] a native backend takes, decided once when it starts
 * ([choose]), and the [ForeignBinding] of the FFM path ([foreign]).
 *
 * By default ([PROPERTY] unset or `auto`) a backend takes [NativeCallPath.Ffm] when the JVM is
 * version [FFM_MIN_JAVA] or newer and `audioflow-native-ffm` is on the class path, and
 * [NativeCallPath.Jna] otherwise. `-Daudioflow.native.path=jna` or `=ffm` forces a path, for
 * tests and diagnosis; a forced `ffm` that cannot be had fails the backend's start instead of
 * quietly running JNA.
 *
 * The binding is looked for once per JVM, and only on a JVM that can load it (its classes are
 * compiled for Java 22). Thread-safe; nothing here is realtime.
 *
 * ```
 * val path = NativeCallPaths.choose("portaudio")             // once, when the backend starts
 * val binding = if (path == NativeCallPath.Ffm) NativeCallPaths.foreign("portaudio") else null
 * ```
 */
@DelicateAudioApi
public object NativeCallPaths {
    /** System property choosing the path: `auto` (the default), `jna` or `ffm`. */
    public const val PROPERTY: String = "audioflow.native.path"

    /** The first Java version whose `java.lang.foreign` is final. */
    public const val FFM_MIN_JAVA: Int = 22

    private val loaded: Pair<ForeignBinding?, String?> by lazy { load() }

    /** The FFM binding of this JVM, or null with [foreignUnavailableReason] saying why. */
    @JvmStatic
    public val foreignBinding: ForeignBinding? get() = loaded.first

    /** Why there is no [foreignBinding] (the Java version, a missing artifact, a failed load); null when there is one. */
    @JvmStatic
    public val foreignUnavailableReason: String? get() = loaded.second

    /**
     * The path a backend called [backend] takes when it starts now: [PROPERTY]'s choice, else
     * FFM when [foreignBinding] exists, else JNA.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming the value when [PROPERTY] is
     *   not `auto`, `jna` or `ffm`; [AudioErrorKind.BackendUnavailable] with the reason when it
     *   is `ffm` and there is no binding.
     */
    @JvmStatic
    public fun choose(backend: String): NativeCallPath {
        val value = System.getProperty(PROPERTY)?.trim()?.lowercase()
        return when (value) {
            null, "", "auto" -> if (foreignBinding != null) NativeCallPath.Ffm else NativeCallPath.Jna
            "jna" -> NativeCallPath.Jna
            "ffm" -> {
                foreign(backend)
                NativeCallPath.Ffm
            }
            else -> throw AudioException(
                AudioErrorKind.InvalidArgument,
                "system property $PROPERTY is '${System.getProperty(PROPERTY)}'; use auto, jna or ffm",
                backend = backend,
            )
        }
    }

    /**
     * The [foreignBinding], for a backend called [backend] that chose [NativeCallPath.Ffm].
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] with [foreignUnavailableReason]
     *   when there is none.
     */
    @JvmStatic
    public fun foreign(backend: String): ForeignBinding = foreignBinding
        ?: throw AudioException(AudioErrorKind.BackendUnavailable, "the FFM native call path is unavailable: $foreignUnavailableReason", backend = backend)

    private fun load(): Pair<ForeignBinding?, String?> {
        val java = Runtime.version().feature()
        if (java < FFM_MIN_JAVA) return null to "this JVM is Java $java; the FFM path needs Java $FFM_MIN_JAVA or newer (JNA serves Java 17 to 21)"
        return try {
            val binding = ServiceLoader.load(ForeignBinding::class.java, NativeCallPaths::class.java.classLoader).firstOrNull()
            binding to if (binding == null) "audioflow-native-ffm is not on the class path (add dev.audioflow:audioflow-native-ffm)" else null
        } catch (e: ServiceConfigurationError) {
            null to "audioflow-native-ffm did not load: ${e.cause ?: e}"
        } catch (e: LinkageError) {
            null to "audioflow-native-ffm did not load: $e"
        }
    }
}
