package dev.audioflow.compose

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.defaultMinSize
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.CornerRadius
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.drawscope.DrawScope
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.TextMeasurer
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import dev.audioflow.flow.Levels
import kotlinx.coroutines.flow.StateFlow
import java.util.Locale
import kotlin.time.Duration

/**
 * Vertical level meters, one per channel, bound to the levels a pipeline publishes (for example
 * with `meter(levels, windowFrames)`): RMS as a solid bar coloured by zone, the window's peak as
 * a lighter bar over it, the peak hold as a mark, on a dBFS scale from [METER_FLOOR_DBFS] to 0,
 * with the peak figure above each bar.
 *
 * The hold runs on the display's frame clock over the readings this meter shows (see
 * [collectAsMeterReading]); a reading the UI skipped while busy is not held. For holds exact to
 * every window, run a [PeakHold] in the pipeline and use the [MeterReading] overload.
 *
 * Thread: composition (the UI thread); it only reads [levels].
 *
 * ```
 * val levels = MutableStateFlow<Levels?>(null)
 * scope.launch { mic.input(config).meter(levels, 1600).collect() }
 * LevelMeter(levels, Modifier.width(120.dp).fillMaxHeight())
 * ```
 *
 * @param levels the latest meter window, null before the first one.
 * @param holdTime how long a peak stays marked before it falls.
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a
 *   negative or infinite [holdTime].
 */
@Composable
public fun LevelMeter(
    levels: StateFlow<Levels?>,
    modifier: Modifier = Modifier,
    holdTime: Duration = PeakHold.DEFAULT_HOLD_TIME,
    colors: AudioColors = AudioColors.Dark,
) {
    val reading by levels.collectAsMeterReading(holdTime)
    LevelMeter(reading, modifier, colors)
}

/**
 * Vertical level meters showing [reading] (the stateless form of the [StateFlow] overload): RMS
 * bar, peak bar, peak-hold mark and peak figure per channel. With no reading it draws
 * [emptyChannels] empty tracks. Its semantics carry the figures as a state description, for
 * screen readers and UI tests.
 *
 * Thread: composition (the UI thread).
 *
 * ```
 * val reading by model.meters.collectAsState()
 * LevelMeter(reading, Modifier.fillMaxHeight())
 * ```
 */
@Composable
public fun LevelMeter(
    reading: MeterReading?,
    modifier: Modifier = Modifier,
    colors: AudioColors = AudioColors.Dark,
    emptyChannels: Int = 2,
) {
    val measurer = rememberTextMeasurer()
    Canvas(
        modifier
            .defaultMinSize(minWidth = 110.dp, minHeight = 200.dp)
            .semantics {
                contentDescription = "Level meter"
                stateDescription = describe(reading)
            },
    ) {
        drawRect(colors.background)
        val channels = reading?.channels ?: emptyChannels.coerceAtLeast(1)
        val geometry = MeterGeometry(this, channels)
        drawScale(geometry, measurer, colors)
        for (c in 0 until channels) {
            val x = geometry.barX(c)
            drawRoundRect(colors.track, Offset(x, geometry.top), Size(geometry.barWidth, geometry.bottom - geometry.top), CornerRadius(2.dp.toPx()))
            if (reading != null) drawChannel(geometry, reading, c, x, measurer, colors)
            centredText(measurer, channelLabel(c, channels), x + geometry.barWidth / 2, size.height - 18.dp.toPx(), TextStyle(colors.scale, 11.sp, FontWeight.Bold))
        }
    }
}

/** The lowest level a [LevelMeter]'s scale shows, dBFS; anything quieter reads as the floor. */
public const val METER_FLOOR_DBFS: Float = -60f

private val SCALE_MARKS = intArrayOf(0, -6, -12, -24, -36, -48, -60)

/** Where a meter draws, in pixels: the scale on the left, then one bar per channel. */
private class MeterGeometry(scope: DrawScope, channels: Int) {
    val top: Float = with(scope) { 26.dp.toPx() }
    val bottom: Float = scope.size.height - with(scope) { 22.dp.toPx() }
    val scaleWidth: Float = with(scope) { 30.dp.toPx() }
    val gap: Float = with(scope) { 8.dp.toPx() }
    val barWidth: Float = ((scope.size.width - scaleWidth - gap * (channels + 1)) / channels).coerceAtLeast(4f)

    fun barX(channel: Int): Float = scaleWidth + gap + channel * (barWidth + gap)

    /** The height of [dbfs] on the scale (NaN and anything below the floor at the bottom). */
    fun yOf(dbfs: Float): Float {
        val clamped = if (dbfs.isNaN()) METER_FLOOR_DBFS else dbfs.coerceIn(METER_FLOOR_DBFS, 0f)
        return bottom - (clamped - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS * (bottom - top)
    }
}

private fun DrawScope.drawChannel(g: MeterGeometry, reading: MeterReading, c: Int, x: Float, measurer: TextMeasurer, colors: AudioColors) {
    val peak = reading.levels.peakDbfs(c)
    val peakY = g.yOf(peak)
    drawRect(colors.levelColor(peak).copy(alpha = 0.43f), Offset(x, peakY), Size(g.barWidth, g.bottom - peakY))
    val rmsY = g.yOf(reading.levels.rmsDbfs(c))
    // The RMS bar by zone: low up to -12 dBFS, mid up to -3 dBFS, high above.
    val midY = g.yOf(AudioColors.MID_FROM_DBFS)
    val highY = g.yOf(AudioColors.HIGH_FROM_DBFS)
    fun zone(from: Float, to: Float, color: androidx.compose.ui.graphics.Color) {
        val start = maxOf(from, rmsY)
        if (start < to) drawRect(color, Offset(x, start), Size(g.barWidth, to - start))
    }
    zone(midY, g.bottom, colors.low)
    zone(highY, midY, colors.mid)
    zone(g.top, highY, colors.high)
    val hold = reading.holdDbfs(c)
    if (hold > METER_FLOOR_DBFS) {
        val holdY = g.yOf(hold)
        drawLine(if (hold >= -0.1f) colors.high else colors.hold, Offset(x, holdY), Offset(x + g.barWidth, holdY), 2.dp.toPx())
    }
    centredText(measurer, dbText(peak), x + g.barWidth / 2, g.top - 20.dp.toPx(), TextStyle(colors.levelColor(peak), 11.sp))
}

private fun DrawScope.drawScale(g: MeterGeometry, measurer: TextMeasurer, colors: AudioColors) {
    val style = TextStyle(colors.scale, 10.sp)
    for (db in SCALE_MARKS) {
        val y = g.yOf(db.toFloat())
        drawLine(colors.track, Offset(g.scaleWidth - 4.dp.toPx(), y), Offset(size.width - 4.dp.toPx(), y), 1f)
        val layout = measurer.measure(db.toString(), style)
        drawText(layout, topLeft = Offset(g.scaleWidth - 6.dp.toPx() - layout.size.width, y - layout.size.height / 2f))
    }
}

/** Draws [text] centred on [centreX], its top at [top]. */
internal fun DrawScope.centredText(measurer: TextMeasurer, text: String, centreX: Float, top: Float, style: TextStyle) {
    val layout = measurer.measure(text, style)
    drawText(layout, topLeft = Offset(centreX - layout.size.width / 2f, top))
}

private fun channelLabel(channel: Int, channels: Int): String = when (channels) {
    1 -> "M"
    2 -> if (channel == 0) "L" else "R"
    else -> (channel + 1).toString()
}

private fun dbText(dbfs: Float): String = if (dbfs == Float.NEGATIVE_INFINITY) "-∞" else String.format(Locale.ROOT, "%.1f", dbfs)

/** "L peak -12.0 dBFS, rms -15.1 dBFS, hold -6.0 dBFS; R ...", or "no signal". */
private fun describe(reading: MeterReading?): String {
    if (reading == null) return "no signal"
    return (0 until reading.channels).joinToString("; ") { c ->
        "${channelLabel(c, reading.channels)} peak ${dbText(reading.levels.peakDbfs(c))} dBFS, " +
            "rms ${dbText(reading.levels.rmsDbfs(c))} dBFS, hold ${dbText(reading.holdDbfs(c))} dBFS"
    }
}
