package dev.audioflow

import java.util.ServiceLoader
import dev.audioflow.spi.AbandonableCall

/**
 * The registry of backends found on the class path through [ServiceLoader].
 *
 * Backends are created lazily, once per JVM, and shared. Thread-safe. The virtual backend from
 * core is always present, so [default] always returns something usable.
 */
public object AudioBackends {
    /** System property (or, uppercased with underscores, environment variable) naming the default backend. */
    public const val BACKEND_PROPERTY: String = "audioflow.backend"

    /** System property: how long [default] waits for one backend's probe, in milliseconds (default [DEFAULT_PROBE_MILLIS]). */
    public const val PROBE_TIMEOUT_PROPERTY: String = "audioflow.probeTimeoutMillis"

    /** How long [default] waits for one backend's probe unless [PROBE_TIMEOUT_PROPERTY] says otherwise. */
    public const val DEFAULT_PROBE_MILLIS: Long = 2_000

    /** Backends whose probe did not answer in time: not probed again (their probe thread may still be stuck). */
    private val unresponsive = java.util.concurrent.ConcurrentHashMap.newKeySet<String>()

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
     * The backend to use when the caller has no preference: [defaultChoice]'s backend.
     *
     * Thread: any. Blocks for at most one probe timeout per registered backend.
     *
     * ```
     * val backend = AudioBackends.default()   // PortAudio, Java Sound, JACK... or virtual
     * ```
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] if the named backend is unavailable.
     */
    @JvmStatic
    public fun default(): AudioBackend = defaultChoice().backend

    /**
     * Which backend [default] uses, and why: the one named by the `audioflow.backend` property
     * or `AUDIOFLOW_BACKEND` variable if set, else the first in priority order (PortAudio,
     * Java Sound, JACK, virtual with the stock modules) that is available and has a default
     * output device, else the virtual one. The reason names the chosen backend's default
     * output device and why each backend before it was passed over.
     *
     * Probing a backend may block in its native library (libjack waits for a frozen JACK server
     * without a timeout), so each probe runs on a daemon thread of its own and is given up after
     * [PROBE_TIMEOUT_PROPERTY] milliseconds (default 2 s): that backend then counts as unusable
     * for the rest of the process, and its probe thread is left to finish or block on its own.
     *
     * Thread: any. Blocks for at most one probe timeout per registered backend.
     *
     * ```
     * val choice = AudioBackends.defaultChoice()
     * println("using ${choice.backend.name}: ${choice.reason}")
     * ```
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] if the named backend is unavailable.
     */
    @JvmStatic
    public fun defaultChoice(): BackendChoice {
        val requested = System.getProperty(BACKEND_PROPERTY) ?: System.getenv("AUDIOFLOW_BACKEND")
        if (!requested.isNullOrBlank()) {
            val backend = get(requested)
            if (!backend.isAvailable) {
                throw AudioException(AudioErrorKind.BackendUnavailable, backend.unavailableReason ?: "backend ${backend.name} is unavailable", backend = backend.name)
            }
            return BackendChoice(backend, "named by $BACKEND_PROPERTY / AUDIOFLOW_BACKEND")
        }
        val passed = ArrayList<String>()
        for (backend in all()) {
            when (val output = probeOutput(backend)) {
                is Probe.Output -> return BackendChoice(backend, chosenReason(backend, "has the default output device '${output.name}'", passed))
                is Probe.Unusable -> passed += "${backend.name}: ${output.why}"
            }
        }
        return BackendChoice(get(VIRTUAL), chosenReason(get(VIRTUAL), "is the fallback", passed))
    }

    private fun chosenReason(backend: AudioBackend, why: String, passed: List<String>): String =
        if (passed.isEmpty()) "${backend.name} $why" else "${backend.name} $why; passed over: ${passed.joinToString("; ")}"

    private sealed class Probe {
        class Output(val name: String) : Probe()
        class Unusable(val why: String) : Probe()
    }

    /** [backend]'s default output device, found out within the probe timeout, or why there is none. */
    @OptIn(DelicateAudioApi::class)
    private fun probeOutput(backend: AudioBackend): Probe {
        if (backend.name == VIRTUAL) return outputOf(backend)
        if (backend.name in unresponsive) return Probe.Unusable("did not answer within the probe timeout before")
        val probe = AbandonableCall.runWithin("audioflow-probe-${backend.name}", probeTimeoutMillis()) {
            runCatching { outputOf(backend) }.getOrElse { Probe.Unusable(it.toString()) }
        }
        if (probe == null) unresponsive += backend.name
        return probe ?: Probe.Unusable("did not answer within ${probeTimeoutMillis()} ms")
    }

    private fun probeTimeoutMillis(): Long = System.getProperty(PROBE_TIMEOUT_PROPERTY)?.toLongOrNull()?.takeIf { it > 0 } ?: DEFAULT_PROBE_MILLIS

    private fun outputOf(backend: AudioBackend): Probe {
        if (!backend.isAvailable) return Probe.Unusable(backend.unavailableReason ?: "unavailable")
        return try {
            val device = backend.defaultOutputDevice()
            if (device.maxOutputChannels > 0) Probe.Output(device.name) else Probe.Unusable("its default output device '${device.name}' has no output channels")
        } catch (e: AudioException) {
            Probe.Unusable(e.message)
        }
    }

    /** Name of the virtual backend, always registered. */
    public const val VIRTUAL: String = "virtual"
}
