package dev.audioflow.spi

/**
 * Discovery hook for sample-rate converters: an implementation registered in
 * `META-INF/services/dev.audioflow.spi.ResamplerProvider` is found by [Resamplers].
 *
 * `flow-operators` registers its hand-written polyphase resampler (no native library, always
 * available); `audioflow-soxr` registers libsoxr, with a higher [priority], available when
 * libsoxr is installed. Implementations must be thread-safe and must not throw from the
 * properties when their native library is missing.
 *
 * ```
 * val provider = Resamplers.best()             // libsoxr when present, else the polyphase one
 * provider.create(48_000, 16_000, 1, ResampleQuality.HIGH).use { r -> r.process(x, x.size) }
 * ```
 */
public interface ResamplerProvider {
    /** Short lowercase name: `soxr`, `polyphase`; what `-Daudioflow.resampler` selects. */
    public val name: String

    /** Preference among available providers: higher wins. */
    public val priority: Int

    /** True when [create] can work here (its native library, if any, is installed). */
    public val isAvailable: Boolean

    /** Why the provider is unavailable (what is missing, what to install), or null when it [isAvailable]. */
    public val unavailableReason: String?

    /**
     * A converter from [sourceRate] to [targetRate] Hz for [channels] interleaved channels at
     * [quality] (the nearest design the provider has).
     *
     * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a
     *   rate outside 1..[dev.audioflow.AudioFormat.MAX_SAMPLE_RATE] or channels outside
     *   1..[dev.audioflow.AudioFormat.MAX_CHANNELS]; [dev.audioflow.AudioErrorKind.UnsupportedFormat]
     *   for a ratio it cannot do; [dev.audioflow.AudioErrorKind.BackendUnavailable] with
     *   [unavailableReason] when it is not available.
     */
    public fun create(sourceRate: Int, targetRate: Int, channels: Int, quality: ResampleQuality): Resampler
}
