package dev.audioflow

import java.time.Duration as JavaDuration

/**
 * Opt-in "follow the default output", as a [StreamConfig] setting for `playOn`: when the output
 * device goes away mid-stream (unplugged: [AudioErrorKind.StreamInvalidated], or no longer
 * available), playback does not fail but re-opens on the backend's new default output device
 * and goes on with the rest of the Flow. The gap is bounded by [maxGap]: if no other default
 * output device appears within it, the stream fails with the original error. Each switch is
 * reported to [listener] with the gap it took. Frames the lost device had queued (at most the
 * stream's ring) are not played again.
 *
 * Thread: an immutable value, any; [listener] is called on the collecting coroutine's thread.
 *
 * ```
 * val config = StreamConfig(format, settings = listOf(FollowDefaultOutput(Duration.ofSeconds(2)) { from, to, gap ->
 *     println("moved from ${from.name} to ${to.name} after ${gap.toMillis()} ms")
 * }))
 * music.playOn(backend.defaultOutputDevice(), config)
 * ```
 *
 * @property maxGap how long to wait for a new default output device.
 * @property listener told of each switch; null: none.
 */
public class FollowDefaultOutput @JvmOverloads constructor(
    public val maxGap: JavaDuration = JavaDuration.ofSeconds(2),
    public val listener: DeviceSwitchListener? = null,
) : BackendSettings {
    init {
        AudioException.require(!maxGap.isNegative && !maxGap.isZero) { "FollowDefaultOutput maxGap must be positive, was $maxGap" }
    }

    override fun toString(): String = "FollowDefaultOutput(maxGap=$maxGap)"
}

/**
 * Told when a [FollowDefaultOutput] stream moved to a new default output device.
 *
 * Thread: the collecting coroutine's; keep it short.
 *
 * ```
 * DeviceSwitchListener { from, to, gap -> log.info("output moved to ${to.name}") }
 * ```
 */
public fun interface DeviceSwitchListener {
    /** Playback moved from [from] (gone) to [to] (the new default), [gap] after [from] failed. */
    public fun switched(from: AudioDevice, to: AudioDevice, gap: JavaDuration)
}
