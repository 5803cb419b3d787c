package dev.audioflow.spi

/**
 * One stream's sample-rate converter, created by a [ResamplerProvider]: interleaved float frames
 * at [sourceRate] in, interleaved float frames at [targetRate] out.
 *
 * The contract every implementation keeps, so that callers can swap them:
 * - **Time-aligned.** Output frame `n` is the input signal at time `n / targetRate`: the filter's
 *   delay is compensated, so an impulse at input frame `i` peaks at output frame
 *   `i · targetRate / sourceRate` (rounded).
 * - **Exact length.** Over a whole stream of `N` input frames ([process] calls followed by one
 *   [finish]), the outputs add up to `ceil(N · targetRate / sourceRate)` frames.
 * - The signal before the first frame and after the last counts as silence.
 *
 * Not thread-safe: one stream, one thread at a time (calls may hop between threads, as a
 * coroutine does). Not for a realtime callback: calls allocate their result.
 *
 * ```
 * Resamplers.best().create(44_100, 48_000, 2, ResampleQuality.HIGH).use { r ->
 *     val out = r.process(samples, frames) + r.finish()
 * }
 * ```
 */
public interface Resampler : AutoCloseable {
    /** Input rate in Hz. */
    public val sourceRate: Int

    /** Output rate in Hz. */
    public val targetRate: Int

    /** Interleaved channels, the same on both sides. */
    public val channels: Int

    /**
     * Converts the first [frames] frames of [input] (interleaved, `frames * channels` values are
     * read) and returns the output frames that are ready, possibly none.
     *
     * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when
     *   [input] holds fewer than `frames * channels` values or after [finish] or [close].
     */
    public fun process(input: FloatArray, frames: Int): FloatArray

    /**
     * Ends the input and returns the rest of the output (the filter's tail), completing the
     * stream's exact length. Later calls return nothing.
     *
     * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] after [close].
     */
    public fun finish(): FloatArray

    /** Releases the converter's memory (native memory for a native one). Idempotent. */
    override fun close()
}
