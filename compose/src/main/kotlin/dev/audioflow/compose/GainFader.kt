package dev.audioflow.compose

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.focusable
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.gestures.detectVerticalDragGestures
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.CornerRadius
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.input.key.Key
import androidx.compose.ui.input.key.KeyEventType
import androidx.compose.ui.input.key.key
import androidx.compose.ui.input.key.onKeyEvent
import androidx.compose.ui.input.key.type
import androidx.compose.ui.input.pointer.PointerInputScope
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.semantics.ProgressBarRangeInfo
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.progressBarRangeInfo
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.setProgress
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import kotlinx.coroutines.flow.MutableStateFlow

/**
 * A vertical gain fader bound to [gain], the `MutableStateFlow<Float>` a pipeline's
 * `gain(StateFlow<Float>)` operator reads: dragging, clicking, the arrow keys (half a dB a step)
 * or an accessibility action set `gain.value` to a linear gain on [scale], and the fader follows
 * whatever else sets it. The operator ramps to each new value, so moving the fader never clicks.
 *
 * Thread: composition (the UI thread); it only reads and writes [gain], never touches audio.
 *
 * ```
 * val volume = MutableStateFlow(1f)
 * scope.launch { mic.input(config).gain(volume).playOn(speaker) }
 * GainFader(volume, Modifier.fillMaxHeight())
 * ```
 */
@Composable
public fun GainFader(
    gain: MutableStateFlow<Float>,
    modifier: Modifier = Modifier,
    scale: FaderScale = FaderScale(),
    colors: AudioColors = AudioColors.Dark,
) {
    val linear by gain.collectAsState()
    GainFader(linear, { gain.value = it }, modifier, scale, colors)
}

/**
 * The stateless form of [GainFader]: shows [linear] and reports the linear gain the user moves
 * it to through [onGain] (0 at the bottom, at most [FaderScale.maxLinear]). Its semantics carry
 * the position as a range (0..1) with a set-progress action, and the gain as a state
 * description ("-6.0 dB", "mute").
 *
 * Thread: composition (the UI thread); [onGain] is called there.
 *
 * ```
 * var gain by remember { mutableStateOf(1f) }
 * GainFader(gain, { gain = it })
 * ```
 */
@Composable
public fun GainFader(
    linear: Float,
    onGain: (Float) -> Unit,
    modifier: Modifier = Modifier,
    scale: FaderScale = FaderScale(),
    colors: AudioColors = AudioColors.Dark,
) {
    val position = scale.positionOf(linear)
    val currentPosition by rememberUpdatedState(position)
    val report by rememberUpdatedState(onGain)
    val keyStep = 0.5f / (scale.maxDb - scale.minDb)
    Column(
        modifier.width(72.dp).padding(vertical = 8.dp),
        horizontalAlignment = Alignment.CenterHorizontally,
        verticalArrangement = Arrangement.spacedBy(6.dp),
    ) {
        Text("Gain", color = colors.text, fontSize = 12.sp)
        Canvas(
            Modifier
                .weight(1f)
                .fillMaxWidth()
                .semantics {
                    contentDescription = "Gain"
                    stateDescription = scale.text(linear)
                    progressBarRangeInfo = ProgressBarRangeInfo(position, 0f..1f)
                    setProgress { target ->
                        report(scale.linearAt(target))
                        true
                    }
                }
                .onKeyEvent { event ->
                    val step = when {
                        event.type != KeyEventType.KeyDown -> 0f
                        event.key == Key.DirectionUp -> keyStep
                        event.key == Key.DirectionDown -> -keyStep
                        else -> 0f
                    }
                    if (step != 0f) report(scale.linearAt(currentPosition + step))
                    step != 0f
                }
                .focusable()
                .pointerInput(scale) {
                    detectTapGestures { offset -> report(scale.linearAt(positionAtY(offset.y, size.height.toFloat()))) }
                }
                .pointerInput(scale) {
                    var dragged = 0f
                    detectVerticalDragGestures(onDragStart = { dragged = currentPosition }) { change, dy ->
                        change.consume()
                        dragged = (dragged - dy / travel(size.height.toFloat())).coerceIn(0f, 1f)
                        report(scale.linearAt(dragged))
                    }
                },
        ) {
            val inset = THUMB_HEIGHT.toPx()
            val bottom = size.height - inset
            val cx = size.width / 2
            val trackWidth = 6.dp.toPx()
            drawRoundRect(colors.track, Offset(cx - trackWidth / 2, inset), Size(trackWidth, bottom - inset), CornerRadius(trackWidth / 2))
            val thumbY = bottom - position * (bottom - inset)
            drawRoundRect(colors.low, Offset(cx - trackWidth / 2, thumbY), Size(trackWidth, bottom - thumbY), CornerRadius(trackWidth / 2))
            var db = scale.maxDb
            while (db >= scale.minDb) {
                val y = bottom - (db - scale.minDb) / (scale.maxDb - scale.minDb) * (bottom - inset)
                drawLine(colors.scale, Offset(cx + 8.dp.toPx(), y), Offset(cx + 14.dp.toPx(), y), 1f)
                db -= TICK_DB
            }
            val thumbWidth = 30.dp.toPx()
            drawRoundRect(colors.text, Offset(cx - thumbWidth / 2, thumbY - inset / 2), Size(thumbWidth, inset), CornerRadius(3.dp.toPx()))
        }
        Text(scale.text(linear), color = colors.text, fontSize = 12.sp)
    }
}

private val THUMB_HEIGHT = 10.dp
private const val TICK_DB = 12f

/** The fader travel in pixels of a track [height] pixels high (the thumb's height is kept clear at both ends). */
private fun PointerInputScope.travel(height: Float): Float =
    (height - 2 * THUMB_HEIGHT.toPx()).coerceAtLeast(1f)

/** The position (0..1) under a pointer at [y] on a track [height] pixels high. */
private fun PointerInputScope.positionAtY(y: Float, height: Float): Float =
    ((height - THUMB_HEIGHT.toPx() - y) / travel(height)).coerceIn(0f, 1f)
