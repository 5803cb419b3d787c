package dev.audioflow

import java.util.ServiceLoader

/**
 * The registry of backends found on the class path through [ServiceLoader].
 *
 * Backends are created lazily, once per JVM, and shared. Thread-safe. The virtual backend from
 * core is always present, so [default] always returns something usable.
 */
public object AudioBackends {
    /** System property (or, uppercased with underscores, environment variable) naming the default backend. */
    public const val BACKEND_PROPERTY: String = "audioflow.backend"

    private val providers: List<AudioBackendProvider> by lazy {
        ServiceLoader.load(AudioBackendProvider::class.java, AudioBackends::class.java.classLoader)
            .toList()
            .sortedByDescending { it.priority }
    }

    private val created = HashMap<String, AudioBackend>()

    /** Names of every registered backend, highest priority first, available or not. */
    @JvmStatic
    public fun names(): List<String> = providers.map { it.name }

    /** Every registered backend, highest priority first, available or not. */
    @JvmStatic
    public fun all(): List<AudioBackend> = providers.map { get(it.name) }

    /** Backends whose native side is usable now. */
    @JvmStatic
    public fun available(): List<AudioBackend> = all().filter { it.isAvailable }

    /**
     * The backend called [name].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming [name] and listing the
     *   known backends when none is registered under it.
     */
    @JvmStatic
    public fun get(name: String): AudioBackend {
        val key = name.lowercase()
        val provider = providers.firstOrNull { it.name == key }
            ?: throw AudioException(
                AudioErrorKind.InvalidArgument,
                "unknown backend '$name' (registered: ${names().joinToString()})",
            )
        return synchronized(created) { created.getOrPut(key) { provider.create() } }
    }

    /**
     * The backend to use when the caller has no preference: the one named by the
     * `audioflow.backend` property or `AUDIOFLOW_BACKEND` variable if set, else the
     * highest-priority available backend that has a default output device, else the virtual one.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] if the named backend is unavailable.
     */
    @JvmStatic
    public fun default(): AudioBackend {
        val requested = System.getProperty(BACKEND_PROPERTY) ?: System.getenv("AUDIOFLOW_BACKEND")
        if (!requested.isNullOrBlank()) {
            val backend = get(requested)
            if (!backend.isAvailable) {
                throw AudioException(AudioErrorKind.BackendUnavailable, backend.unavailableReason ?: "backend ${backend.name} is unavailable", backend = backend.name)
            }
            return backend
        }
        return available().firstOrNull { it.hasUsableOutput() } ?: get(VIRTUAL)
    }

    private fun AudioBackend.hasUsableOutput(): Boolean =
        try {
            defaultOutputDevice().maxOutputChannels > 0
        } catch (_: AudioException) {
            false
        }

    /** Name of the virtual backend, always registered. */
    public const val VIRTUAL: String = "virtual"
}
