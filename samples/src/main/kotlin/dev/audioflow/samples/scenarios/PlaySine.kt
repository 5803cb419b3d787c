/*
 * Scenario: play a sine tone.
 * Run: ./audioflow example play-sine [--backend NAME] [--device ID|NAME] [--list-devices] [FREQ_HZ]
 *      (or: ./audioflow tone --freq 440)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.flow.fadeIn
import dev.audioflow.flow.fadeOut
import dev.audioflow.flow.sine
import dev.audioflow.flow.takeDuration
import dev.audioflow.playOn
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

object PlaySine {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val options = ScenarioArgs(args)
        if (options.listDevicesIfAsked()) return@runBlocking
        val speaker = options.device { it.defaultOutputDevice() }
        val frequency = options.positional.firstOrNull()?.toDouble() ?: 440.0

        // Stereo at the device's own rate, 256 frames per block.
        val config = StreamConfig(AudioFormat(speaker.defaultSampleRate, 2), blockSize = BlockSize.Fixed(256))

        // A generator is a cold Flow of blocks; take() bounds it, the fades avoid clicks,
        // and playOn suspends until the last frame has been played out.
        sine(frequency, config.format, amplitude = 0.2f)
            .takeDuration(2.seconds)
            .fadeIn(10.milliseconds)
            .fadeOut(10.milliseconds)
            .playOn(speaker, config)
        println("played 2 s of $frequency Hz on '${speaker.name}'")
    }
}
