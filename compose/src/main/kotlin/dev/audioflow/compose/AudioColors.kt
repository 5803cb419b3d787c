package dev.audioflow.compose

import androidx.compose.runtime.Immutable
import androidx.compose.ui.graphics.Color
import dev.audioflow.AudioException

/**
 * The colours the composables of this module draw with: meter zones, peak-hold marks, scope
 * traces, grids, labels and alerts. Pass one to any of them; [Dark] is the default.
 *
 * Thread: immutable, any thread.
 *
 * ```
 * LevelMeter(levels, colors = AudioColors.Dark.copy(low = Color(0xFF00C853)))
 * ```
 *
 * @property background behind meters and the oscilloscope.
 * @property track unlit meter tracks and the oscilloscope grid.
 * @property scale scale marks, captions and secondary text.
 * @property text primary text (status figures, device names).
 * @property low meter level below -12 dBFS.
 * @property mid meter level from -12 to -3 dBFS.
 * @property high meter level above -3 dBFS, and a peak hold at full scale.
 * @property hold peak-hold marks.
 * @property traces oscilloscope traces, one per channel (repeating when there are more channels).
 * @property alert counters that are not zero (xruns, overflows, underflows) and failures.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when [traces] is empty.
 */
@Immutable
public data class AudioColors(
    val background: Color,
    val track: Color,
    val scale: Color,
    val text: Color,
    val low: Color,
    val mid: Color,
    val high: Color,
    val hold: Color,
    val traces: List<Color>,
    val alert: Color,
) {
    init {
        AudioException.require(traces.isNotEmpty()) { "AudioColors.traces must name at least one colour, was empty" }
    }

    /** The meter colour of a level of [dbfs]: [low], [mid] from -12 dBFS, [high] from -3 dBFS. */
    public fun levelColor(dbfs: Float): Color = when {
        dbfs >= HIGH_FROM_DBFS -> high
        dbfs >= MID_FROM_DBFS -> mid
        else -> low
    }

    /** The trace colour of [channel]. */
    public fun traceColor(channel: Int): Color = traces[channel % traces.size]

    public companion object {
        /** Where the [mid] zone starts, dBFS. */
        public const val MID_FROM_DBFS: Float = -12f

        /** Where the [high] zone starts, dBFS. */
        public const val HIGH_FROM_DBFS: Float = -3f

        /** A dark palette: green, yellow and red meters on near-black panels. */
        public val Dark: AudioColors = AudioColors(
            background = Color(0xFF1B1D21),
            track = Color(0xFF2A2D33),
            scale = Color(0xFF8A8F98),
            text = Color(0xFFDDE1E6),
            low = Color(0xFF3DDC84),
            mid = Color(0xFFF4D03F),
            high = Color(0xFFFF5252),
            hold = Color(0xFFF5F5F5),
            traces = listOf(Color(0xFF4FC3F7), Color(0xFFFFB74D), Color(0xFFBA68C8), Color(0xFF81C784)),
            alert = Color(0xFFFF6E6E),
        )
    }
}
