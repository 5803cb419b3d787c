/*
 * Scenario: full-duplex passthrough (input -> gain -> output) with live status.
 * Run: ./audioflow example duplex-wire [--device ID|NAME] [--seconds S]
 *      (or: ./audioflow wire --seconds 10 --gain 0.8)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.flow.gain
import dev.audioflow.flow.takeDuration
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

object DuplexWire {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return@runBlocking
        val input = options.device { it.defaultInputDevice() }
        val output = input.backend.defaultOutputDevice()
        val seconds = options.option("--seconds")?.toDouble() ?: 5.0
        val channels = minOf(2, input.maxInputChannels, output.maxOutputChannels)
        val config = StreamConfig(AudioFormat(input.defaultSampleRate, channels), blockSize = BlockSize.Fixed(128), outputChannels = channels)

        // The monitor's StateFlow carries the stream's counters; a separate coroutine prints
        // them whenever they change, without ever slowing the audio down.
        val monitor = StreamMonitor()
        val status = launch {
            monitor.stats.collect { s ->
                if (s.cycles % 375 == 0L) println("${s.state}: in ${s.framesIn} frames, ${s.inputOverflows} overflows, ${s.outputUnderflows} underflows, ${s.xruns} xruns")
            }
        }

        // One stream, both directions: the lambda turns the input Flow into the output Flow.
        input.duplex(config, output, monitor) { mic -> mic.takeDuration(seconds.seconds).gain(0.8f) }
        status.cancel()
        println("wired '${input.name}' -> '${output.name}' for $seconds s: ${monitor.stats.value}")
    }
}
