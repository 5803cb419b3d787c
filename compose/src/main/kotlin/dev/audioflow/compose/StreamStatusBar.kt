package dev.audioflow.compose

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.RowScope
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import dev.audioflow.BlockSize
import dev.audioflow.StreamInfo
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats
import kotlinx.coroutines.flow.StateFlow
import java.util.Locale
import kotlin.time.Duration
import kotlin.time.DurationUnit

/**
 * One line of stream status bound to a stream's [StreamMonitor] flows: sample rate, block size,
 * the device latencies the backend reported when it opened the stream (labelled as such: they
 * are the devices' figures, not a measured round trip), xruns, overflows, underflows and CPU
 * load. Counters that are not zero are drawn in [AudioColors.alert]. Before the stream has
 * opened it says so.
 *
 * Thread: composition (the UI thread); it only reads [stats] and [info].
 *
 * ```
 * val monitor = StreamMonitor()
 * scope.launch { mic.input(config, monitor).collect() }
 * StreamStatusBar(monitor.stats, monitor.info)
 * ```
 *
 * @param leading shown before the figures (a run-state indicator, say).
 * @param trailing shown after them (a notice, say).
 */
@Composable
public fun StreamStatusBar(
    stats: StateFlow<StreamStats>,
    info: StateFlow<StreamInfo?>,
    modifier: Modifier = Modifier,
    colors: AudioColors = AudioColors.Dark,
    leading: @Composable RowScope.() -> Unit = {},
    trailing: @Composable RowScope.() -> Unit = {},
) {
    val currentStats by stats.collectAsState()
    val currentInfo by info.collectAsState()
    StreamStatusBar(currentStats, currentInfo, modifier, colors, leading, trailing)
}

/**
 * [StreamStatusBar] bound to [monitor]'s stats and info.
 *
 * Thread: composition (the UI thread).
 *
 * ```
 * StreamStatusBar(monitor) { Text("● live") }
 * ```
 */
@Composable
public fun StreamStatusBar(
    monitor: StreamMonitor,
    modifier: Modifier = Modifier,
    colors: AudioColors = AudioColors.Dark,
    leading: @Composable RowScope.() -> Unit = {},
    trailing: @Composable RowScope.() -> Unit = {},
) {
    StreamStatusBar(monitor.stats, monitor.info, modifier, colors, leading, trailing)
}

/**
 * The stateless form of [StreamStatusBar]: shows [stats] and [info] (null: not open yet).
 *
 * Thread: composition (the UI thread).
 *
 * ```
 * StreamStatusBar(StreamStats(xruns = 2), info = null)
 * ```
 */
@Composable
public fun StreamStatusBar(
    stats: StreamStats,
    info: StreamInfo?,
    modifier: Modifier = Modifier,
    colors: AudioColors = AudioColors.Dark,
    leading: @Composable RowScope.() -> Unit = {},
    trailing: @Composable RowScope.() -> Unit = {},
) {
    Row(
        modifier.padding(horizontal = 10.dp, vertical = 4.dp),
        horizontalArrangement = Arrangement.spacedBy(14.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        leading()
        for (item in statusItems(stats, info)) {
            Text(item.text, color = if (item.alert) colors.alert else colors.text, fontSize = 12.sp, maxLines = 1)
        }
        trailing()
    }
}

/** One figure of the status line; [alert] when it reports trouble. */
internal class StatusItem(val text: String, val alert: Boolean = false)

/** The figures [StreamStatusBar] shows for [stats] and [info], in order. */
internal fun statusItems(stats: StreamStats, info: StreamInfo?): List<StatusItem> {
    if (info == null) return listOf(StatusItem("no stream open"))
    return buildList {
        add(StatusItem(String.format(Locale.ROOT, "%.1f kHz", info.sampleRate / 1000)))
        add(StatusItem(when (val block = info.blockSize) {
            is BlockSize.Fixed -> "${block.frames} frames"
            BlockSize.Variable -> "variable blocks"
        }))
        add(StatusItem(deviceLatency(info)))
        add(StatusItem("xruns ${stats.xruns}", stats.xruns > 0))
        add(StatusItem("overflows ${stats.inputOverflows}", stats.inputOverflows > 0))
        add(StatusItem("underflows ${stats.outputUnderflows}", stats.outputUnderflows > 0))
        add(StatusItem(if (stats.cpuLoad.isNaN()) "CPU n/a" else String.format(Locale.ROOT, "CPU %.1f %%", stats.cpuLoad * 100), stats.cpuLoad > 1.0))
    }
}

/** "device latency in 10.7 ms · out 21.3 ms", naming only the directions the stream has. */
private fun deviceLatency(info: StreamInfo): String {
    val parts = listOfNotNull(
        info.inputLatency.takeIf { it > Duration.ZERO }?.let { "in ${millis(it)}" },
        info.outputLatency.takeIf { it > Duration.ZERO }?.let { "out ${millis(it)}" },
    )
    return "device latency " + parts.ifEmpty { listOf("n/a") }.joinToString(" · ")
}

private fun millis(d: Duration): String = String.format(Locale.ROOT, "%.1f ms", d.toDouble(DurationUnit.MILLISECONDS))
