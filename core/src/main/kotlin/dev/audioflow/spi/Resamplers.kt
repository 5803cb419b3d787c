package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import java.util.ServiceLoader

/**
 * The registry of sample-rate converters found on the class path through [ServiceLoader]
 * ([ResamplerProvider]), and the choice of the best one: what `resample(rate)` in
 * `flow-operators` and a device stream's rate conversion use.
 *
 * Providers are loaded once per JVM. Thread-safe.
 *
 * ```
 * println(Resamplers.best().name)   // "soxr" with audioflow-soxr and libsoxr, else "polyphase"
 * ```
 */
public object Resamplers {
    /** System property (or, uppercased with underscores, environment variable) naming the provider [best] returns. */
    public const val RESAMPLER_PROPERTY: String = "audioflow.resampler"

    private val providers: List<ResamplerProvider> by lazy {
        ServiceLoader.load(ResamplerProvider::class.java, Resamplers::class.java.classLoader)
            .toList()
            .sortedByDescending { it.priority }
    }

    /** Every registered provider, highest priority first, available or not. */
    @JvmStatic
    public fun all(): List<ResamplerProvider> = providers

    /** The registered providers that are usable here, highest priority first. */
    @JvmStatic
    public fun available(): List<ResamplerProvider> = providers.filter { it.isAvailable }

    /**
     * The provider called [name].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming [name] and the registered
     *   providers when there is none by that name.
     */
    @JvmStatic
    public fun get(name: String): ResamplerProvider =
        providers.firstOrNull { it.name == name.lowercase() }
            ?: throw AudioException(AudioErrorKind.InvalidArgument, "unknown resampler '$name' (registered: ${providers.joinToString { it.name }.ifEmpty { "none" }})")

    /**
     * The provider to use when the caller has no preference: the one named by the
     * `audioflow.resampler` property or `AUDIOFLOW_RESAMPLER` variable if set, else the
     * highest-priority available one.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when the named provider is
     *   unavailable or none is available (no `flow-operators` on the class path, or a shaded jar
     *   that dropped the service files).
     */
    @JvmStatic
    public fun best(): ResamplerProvider {
        val requested = System.getProperty(RESAMPLER_PROPERTY) ?: System.getenv("AUDIOFLOW_RESAMPLER")
        if (!requested.isNullOrBlank()) {
            val provider = get(requested)
            if (!provider.isAvailable) {
                throw AudioException(AudioErrorKind.BackendUnavailable, "resampler '${provider.name}' is unavailable: ${provider.unavailableReason}", backend = provider.name)
            }
            return provider
        }
        return available().firstOrNull()
            ?: throw AudioException(
                AudioErrorKind.BackendUnavailable,
                "no resampler is available (registered: ${providers.joinToString { "${it.name}: ${it.unavailableReason}" }.ifEmpty { "none" }}); " +
                    "add audioflow-flow-operators to the class path and keep META-INF/services when shading",
            )
    }

    /**
     * Checks the arguments every [ResamplerProvider.create] takes; for implementations.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming the bad rate or channel count.
     */
    @JvmStatic
    public fun checkArguments(sourceRate: Int, targetRate: Int, channels: Int) {
        AudioException.require(sourceRate in 1..AudioFormat.MAX_SAMPLE_RATE) { "resampler sourceRate must be in 1..${AudioFormat.MAX_SAMPLE_RATE} Hz, was $sourceRate" }
        AudioException.require(targetRate in 1..AudioFormat.MAX_SAMPLE_RATE) { "resampler targetRate must be in 1..${AudioFormat.MAX_SAMPLE_RATE} Hz, was $targetRate" }
        AudioException.require(channels in 1..AudioFormat.MAX_CHANNELS) { "resampler channels must be in 1..${AudioFormat.MAX_CHANNELS}, was $channels" }
    }

    /** Output frames of a whole stream of [inputFrames] frames: `ceil(inputFrames · targetRate / sourceRate)`; for implementations. */
    @JvmStatic
    public fun outputFrames(inputFrames: Long, sourceRate: Int, targetRate: Int): Long {
        val g = gcd(sourceRate, targetRate)
        val up = (targetRate / g).toLong()
        val down = (sourceRate / g).toLong()
        return Math.floorDiv(inputFrames, down) * up + (inputFrames % down * up + down - 1) / down
    }

    private tailrec fun gcd(a: Int, b: Int): Int = if (b == 0) a else gcd(b, a % b)
}
