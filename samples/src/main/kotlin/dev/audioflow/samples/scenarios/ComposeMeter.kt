/*
 * Scenario: a Compose for Desktop app on audioflow-compose. The pipeline runs off the UI thread
 * and publishes into StateFlows; the composables only read them (and the fader writes the gain
 * the pipeline reads). The README shows the part between the markers; the window closes by
 * itself after --seconds.
 * Run: ./audioflow example compose-meter [--device ID|NAME] [--seconds S]   (needs a display)
 */
package dev.audioflow.samples.scenarios

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.width
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.compose.ui.window.Window
import androidx.compose.ui.window.application
import dev.audioflow.AudioFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.compose.GainFader
import dev.audioflow.compose.LevelMeter
import dev.audioflow.compose.Oscilloscope
import dev.audioflow.compose.ScopeTrace
import dev.audioflow.compose.StreamStatusBar
import dev.audioflow.compose.oscilloscope
import dev.audioflow.flow.Levels
import dev.audioflow.flow.gain
import dev.audioflow.flow.meter
import dev.audioflow.input
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.seconds

object ComposeMeter {
    @JvmStatic
    fun main(args: Array<String>) {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return
        val mic = options.device { it.defaultInputDevice() }
        val config = StreamConfig(AudioFormat(mic.defaultSampleRate, minOf(2, mic.maxInputChannels)))
        val seconds = options.option("--seconds")?.toDouble()
        // --8<-- [readme]
        val levels = MutableStateFlow<Levels?>(null)
        val traces = MutableStateFlow<ScopeTrace?>(null)
        val volume = MutableStateFlow(1f)   // the fader writes it, gain() reads it
        val monitor = StreamMonitor()
        application(exitProcessOnExit = false) {
            LaunchedEffect(mic) {
                withContext(Dispatchers.Default) {   // the audio never runs on the UI thread
                    mic.input(config, monitor).gain(volume).meter(levels, 1600).oscilloscope(traces).collect()
                }
            }
            Window(onCloseRequest = ::exitApplication, title = "audioflow meter") {
                Column {
                    Row(Modifier.weight(1f)) {
                        LevelMeter(levels, Modifier.width(140.dp).fillMaxHeight())
                        Oscilloscope(traces, Modifier.weight(1f).fillMaxHeight())
                        GainFader(volume, Modifier.fillMaxHeight())
                    }
                    StreamStatusBar(monitor)
                }
            }
            // --8<-- [readme]
            if (seconds != null) LaunchedEffect(Unit) {
                delay(seconds.seconds)
                exitApplication()
            }
        }
        println("final: ${levels.value}; ${monitor.stats.value.framesIn} frames metered")
    }
}
