/*
 * Scenario: play a WAV file, resampled to the device's rate when they differ.
 * Run: ./audioflow example play-wav [--device ID|NAME] FILE.wav     (or: ./audioflow play FILE.wav)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.flow.resample
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.wavInfo
import dev.audioflow.playOn
import kotlinx.coroutines.runBlocking
import java.nio.file.Path

object PlayWav {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return@runBlocking
        val file = Path.of(options.positional.firstOrNull() ?: error("usage: play-wav [--device D] FILE.wav"))
        val speaker = options.device { it.defaultOutputDevice() }

        // The header tells the format; wavFile() streams the samples as float blocks.
        val info = wavInfo(file)
        println("playing $file: ${info.format}, ${info.duration} on '${speaker.name}'")
        val rate = speaker.defaultSampleRate
        val audio = wavFile(file).resample(rate) // passes the stream through when the rates already match

        // Without a StreamConfig, playOn takes the format from the first block.
        audio.playOn(speaker)
    }
}
