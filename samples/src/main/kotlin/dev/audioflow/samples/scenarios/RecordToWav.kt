/*
 * Scenario: record the input device to a WAV file.
 * Run: ./audioflow example record-to-wav [--device ID|NAME] [--seconds S] [OUT.wav]
 *      (or: ./audioflow record OUT.wav --seconds 5, with meters and Ctrl-C handling)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.flow.takeDuration
import dev.audioflow.flow.writeWav
import dev.audioflow.input
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

object RecordToWav {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return@runBlocking
        val mic = options.device { it.defaultInputDevice() }
        val seconds = options.option("--seconds")?.toDouble() ?: 3.0
        val out = Path.of(options.positional.firstOrNull() ?: "recording.wav")

        val config = StreamConfig(AudioFormat(mic.defaultSampleRate, minOf(2, mic.maxInputChannels)), blockSize = BlockSize.Fixed(256))

        // input() is cold: collecting it (inside writeWav) opens the device; completing take()
        // closes it. writeWav keeps the header valid all along, so even a cancelled recording
        // leaves a playable file with every frame received.
        val frames = mic.input(config)
            .takeDuration(seconds.seconds)
            .writeWav(out, SampleFormat.INT16)
        println("recorded $frames frames from '${mic.name}' to ${out.toAbsolutePath()}")
    }
}
