package dev.audioflow.compose

import androidx.compose.runtime.Composable
import androidx.compose.runtime.State
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.withFrameNanos
import dev.audioflow.flow.Levels
import kotlinx.coroutines.flow.StateFlow
import kotlin.time.Duration

/**
 * Collects these levels as [MeterReading]s with peak hold, for a composable that draws its own
 * meter (the adapter behind [LevelMeter]'s [StateFlow] overload). Each new window is held
 * against the frame clock of the frame that shows it; null levels give a null reading.
 *
 * Thread: composition; the collection runs in the composition's coroutine context (the UI
 * thread), where holding a window is a few comparisons per channel.
 *
 * ```
 * val reading by levels.collectAsMeterReading()
 * Text("peak hold ${reading?.holdDbfs(0)} dBFS")
 * ```
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a
 *   negative or infinite [holdTime], or a [fallDbPerSecond] that is not finite and positive.
 */
@Composable
public fun StateFlow<Levels?>.collectAsMeterReading(
    holdTime: Duration = PeakHold.DEFAULT_HOLD_TIME,
    fallDbPerSecond: Float = PeakHold.DEFAULT_FALL_DB_PER_SECOND,
): State<MeterReading?> {
    val hold = remember(this, holdTime, fallDbPerSecond) { PeakHold(holdTime, fallDbPerSecond) }
    return produceState<MeterReading?>(null, this, hold) {
        collect { levels -> value = levels?.let { l -> withFrameNanos { now -> hold.update(l, now) } } }
    }
}
