/*
 * Scenario: UI-style metering. The audio pipeline publishes levels into a StateFlow; a
 * "UI" coroutine samples that StateFlow at its own frame rate, as a desktop UI would,
 * and never slows the audio down.
 * Run: ./audioflow example ui-meter [--device ID|NAME] [--seconds S]
 *      (or: ./audioflow meter, the same pattern with terminal bars)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.flow.Levels
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import dev.audioflow.input
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

object UiMeter {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return@runBlocking
        val mic = options.device { it.defaultInputDevice() }
        val seconds = options.option("--seconds")?.toDouble() ?: 3.0
        val config = StreamConfig(AudioFormat(mic.defaultSampleRate, minOf(2, mic.maxInputChannels)), blockSize = BlockSize.Fixed(256))

        // What a UI would bind to: the latest levels, or null before the first window.
        val levels = MutableStateFlow<Levels?>(null)
        val ui = launch { render(levels) }

        // meter() writes each 100 ms window into the StateFlow and passes the audio on untouched.
        mic.input(config)
            .takeDuration(seconds.seconds)
            .meter(levels, windowFrames = config.format.sampleRate / 10)
            .collect()
        ui.cancel()
        println("final: ${levels.value}")
    }

    /** The "UI": redraws at 10 frames a second from whatever the StateFlow holds then. */
    private suspend fun render(levels: StateFlow<Levels?>) {
        while (true) {
            levels.value?.let { l ->
                println((0 until l.channels).joinToString("  ") { c -> "ch${c + 1} ${"%6.1f".format(l.peakDbfs(c))} dBFS" })
            }
            delay(100)
        }
    }
}
