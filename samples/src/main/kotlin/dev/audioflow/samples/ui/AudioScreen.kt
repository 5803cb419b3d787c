package dev.audioflow.samples.ui

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.darkColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Rect
import androidx.compose.ui.layout.boundsInRoot
import androidx.compose.ui.layout.onGloballyPositioned
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import dev.audioflow.compose.AudioColors
import dev.audioflow.compose.DeviceDirection
import dev.audioflow.compose.DevicePicker
import dev.audioflow.compose.GainFader
import dev.audioflow.compose.LevelMeter
import dev.audioflow.compose.Oscilloscope
import dev.audioflow.compose.StreamStatusBar

/**
 * Everything the `ui` window shows, built from `audioflow-compose`'s composables: device pickers,
 * rescan and start/stop on top; level meters, oscilloscope and gain fader in the middle; the
 * stream status bar with the run state and the latest notice at the bottom. It only reads the
 * [model]'s `StateFlow`s and sends it intents; it never touches audio.
 *
 * Thread: composition (the window's event thread).
 *
 * @param observations records what was displayed, as it is displayed.
 * @param onMeterBounds receives where the meters are, in pixels of the root (for pixel checks on
 *   a screenshot).
 * @param onDisposed runs when this content leaves the composition (the window closed).
 */
@Composable
fun AudioScreen(model: LiveAudioModel, observations: UiObservations, onMeterBounds: (Rect) -> Unit = {}, onDisposed: () -> Unit = {}) {
    val colors = AudioColors.Dark
    val reading by model.meters.collectAsState()
    val trace by model.scopeTrace.collectAsState()
    val run by model.run.collectAsState()
    val status by model.status.collectAsState()
    val notice by model.notice.collectAsState()
    val input by model.input.collectAsState()
    val output by model.output.collectAsState()
    // Keyed on the value: each runs once per reading shown, after the frame that shows it.
    LaunchedEffect(reading) { observations.meterShown(reading) }
    LaunchedEffect(trace) { observations.scopeShown(trace) }
    DisposableEffect(Unit) { onDispose(onDisposed) }

    MaterialTheme(colorScheme = darkColorScheme()) {
        Column(Modifier.fillMaxSize().background(MaterialTheme.colorScheme.background)) {
            Row(
                Modifier.fillMaxWidth().padding(horizontal = 10.dp, vertical = 8.dp),
                horizontalArrangement = Arrangement.spacedBy(10.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                Text("Input", color = colors.text)
                DevicePicker(model.devices, input, { device -> device?.let(model::selectInput) }, direction = DeviceDirection.Input, label = "Input")
                Text("Output", color = colors.text)
                DevicePicker(model.devices, output, model::selectOutput, direction = DeviceDirection.Output, noneLabel = "None (meter only)", label = "Output")
                OutlinedButton(onClick = { model.refreshDevices() }) { Text("Rescan") }
                Button(onClick = model::toggle, enabled = run != RunState.Stopping, modifier = Modifier.width(100.dp)) {
                    Text(if (run.active) "Stop" else "Start", fontWeight = FontWeight.Bold)
                }
            }
            Row(Modifier.weight(1f).fillMaxWidth().padding(start = 10.dp, end = 10.dp, bottom = 10.dp), horizontalArrangement = Arrangement.spacedBy(10.dp)) {
                Titled("Levels", colors, Modifier.width(150.dp)) {
                    LevelMeter(reading, Modifier.fillMaxSize().onGloballyPositioned { onMeterBounds(it.boundsInRoot()) }, colors)
                }
                Titled("Oscilloscope", colors, Modifier.weight(1f)) {
                    Oscilloscope(trace, Modifier.fillMaxSize(), colors)
                }
                GainFader(model.gain, Modifier.fillMaxHeight(), colors = colors)
            }
            HorizontalDivider(color = colors.track)
            StreamStatusBar(
                status.stats,
                status.info,
                Modifier.fillMaxWidth(),
                colors,
                leading = { RunIndicator(run, colors) },
                trailing = { notice?.let { Text(it, color = colors.alert, fontSize = 12.sp, maxLines = 1) } },
            )
        }
    }
}

/** "● Running" in the run state's colour. */
@Composable
private fun RunIndicator(run: RunState, colors: AudioColors) {
    val (label, color) = when (run) {
        RunState.Stopped -> "Stopped" to colors.scale
        RunState.Starting -> "Starting" to colors.scale
        RunState.Running -> "Running" to colors.low
        RunState.Stopping -> "Stopping" to colors.scale
        is RunState.Failed -> "Failed" to colors.alert
    }
    Text("● $label", color = color, fontSize = 12.sp)
}

/** [content] under a bold [title]. */
@Composable
private fun Titled(title: String, colors: AudioColors, modifier: Modifier, content: @Composable () -> Unit) {
    Column(modifier.fillMaxHeight(), verticalArrangement = Arrangement.spacedBy(4.dp)) {
        Text(title, color = colors.text, fontWeight = FontWeight.Bold, fontSize = 13.sp)
        content()
    }
}
