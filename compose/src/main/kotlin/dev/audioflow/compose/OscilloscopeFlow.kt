package dev.audioflow.compose

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * Publishes oscilloscope traces of this audio into [traces] (a `StateFlow` an [Oscilloscope]
 * observes at its own pace), [tracesPerSecond] times a second of audio, each spanning [span]
 * and starting where [trigger] fires (null: free-running). The audio passes through untouched
 * (same blocks, no copy).
 *
 * Thread: runs in the collector's context, in line with the audio; it never blocks or suspends,
 * and allocates only the traces it publishes, so a slow UI never slows the audio.
 *
 * ```
 * val traces = MutableStateFlow<ScopeTrace?>(null)
 * mic.input(config).oscilloscope(traces).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a [span] that is not
 *   positive and finite or [tracesPerSecond] outside 1..1000; on collection, when a block's rate
 *   makes a trace or its interval longer than [ScopeCapture.MAX_TRACE_FRAMES].
 */
public fun Flow<FloatBlock>.oscilloscope(
    traces: MutableStateFlow<ScopeTrace?>,
    span: Duration = DEFAULT_SCOPE_SPAN,
    tracesPerSecond: Int = DEFAULT_TRACES_PER_SECOND,
    trigger: ScopeTrigger? = ScopeTrigger(),
): Flow<FloatBlock> {
    AudioException.require(span.isPositive() && span.isFinite()) { "oscilloscope span must be positive and finite, was $span" }
    AudioException.require(tracesPerSecond in 1..1000) { "oscilloscope tracesPerSecond must be in 1..1000, was $tracesPerSecond" }
    val upstream = this
    return flow {
        var capture: ScopeCapture? = null
        var rate = 0
        upstream.collect { block ->
            if (block.sampleRate != rate) {
                rate = block.sampleRate
                val frames = (span.inWholeNanoseconds * rate / 1_000_000_000L).toInt().coerceAtLeast(2)
                capture = ScopeCapture(frames, (rate / tracesPerSecond).coerceAtLeast(1), trigger)
            }
            capture?.add(block)?.let { traces.value = it }
            emit(block)
        }
    }
}

/** The span of an [oscilloscope] trace by default: a thirtieth of a second. */
public val DEFAULT_SCOPE_SPAN: Duration = (1000.0 / 30).milliseconds

/** How often the [oscilloscope] operator publishes a trace by default, per second of audio. */
public const val DEFAULT_TRACES_PER_SECOND: Int = 30
