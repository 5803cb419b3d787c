package dev.audioflow.compose

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.defaultMinSize
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.DrawScope
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import kotlinx.coroutines.flow.StateFlow
import java.util.Locale

/**
 * An oscilloscope bound to the traces a pipeline publishes (with the [oscilloscope] operator):
 * the latest [ScopeTrace] as one line per channel over a grid, full scale (±1) filling the
 * height, with its span and whether it was triggered in a caption.
 *
 * Thread: composition (the UI thread); it only reads [traces].
 *
 * ```
 * val traces = MutableStateFlow<ScopeTrace?>(null)
 * scope.launch { mic.input(config).oscilloscope(traces).collect() }
 * Oscilloscope(traces, Modifier.fillMaxSize())
 * ```
 */
@Composable
public fun Oscilloscope(traces: StateFlow<ScopeTrace?>, modifier: Modifier = Modifier, colors: AudioColors = AudioColors.Dark) {
    val trace by traces.collectAsState()
    Oscilloscope(trace, modifier, colors)
}

/**
 * An oscilloscope showing [trace] (the stateless form of the [StateFlow] overload); null draws
 * the grid alone. Its semantics describe the trace (channels, span, triggered or free-running).
 *
 * Thread: composition (the UI thread).
 *
 * ```
 * Oscilloscope(ScopeTrace(1, FloatArray(480) { sin(it / 12f) }, triggered = false, sampleRate = 48_000))
 * ```
 */
@Composable
public fun Oscilloscope(trace: ScopeTrace?, modifier: Modifier = Modifier, colors: AudioColors = AudioColors.Dark) {
    val measurer = rememberTextMeasurer()
    Canvas(
        modifier
            .defaultMinSize(minWidth = 240.dp, minHeight = 160.dp)
            .semantics {
                contentDescription = "Oscilloscope"
                stateDescription = trace?.let { "${it.channels} channels, ${caption(it)}" } ?: "no signal"
            },
    ) {
        drawRect(colors.background)
        drawGrid(colors)
        if (trace == null) return@Canvas
        for (c in 0 until trace.channels) drawPath(pathOf(trace, c), colors.traceColor(c), style = Stroke(width = 1.6.dp.toPx()))
        val layout = measurer.measure(caption(trace), TextStyle(colors.scale, 11.sp))
        drawText(layout, topLeft = Offset(8.dp.toPx(), size.height - 8.dp.toPx() - layout.size.height))
    }
}

private const val GRID_COLUMNS = 10
private const val GRID_ROWS = 8

private fun DrawScope.drawGrid(colors: AudioColors) {
    for (i in 1 until GRID_COLUMNS) {
        val x = size.width * i / GRID_COLUMNS
        drawLine(colors.track, Offset(x, 0f), Offset(x, size.height), 1f)
    }
    for (i in 1 until GRID_ROWS) {
        val y = size.height * i / GRID_ROWS
        drawLine(colors.track, Offset(0f, y), Offset(size.width, y), 1f)
    }
    drawLine(colors.scale, Offset(0f, size.height / 2), Offset(size.width, size.height / 2), 1f)
}

/** One point per pixel column (the sample nearest to it); enough for traces of a few thousand frames. */
private fun DrawScope.pathOf(trace: ScopeTrace, channel: Int): Path {
    val path = Path()
    val columns = size.width.toInt().coerceAtLeast(2)
    val mid = size.height / 2f
    val scale = size.height / 2f * 0.92f
    for (x in 0 until columns) {
        val frame = (x.toLong() * (trace.frames - 1) / (columns - 1)).toInt()
        val y = mid - trace[frame, channel].coerceIn(-1f, 1f) * scale
        if (x == 0) path.moveTo(0f, y) else path.lineTo(x.toFloat(), y)
    }
    return path
}

private fun caption(trace: ScopeTrace): String =
    String.format(Locale.ROOT, "%.1f ms", trace.spanMillis) + if (trace.triggered) "  · triggered" else "  · free-running"
