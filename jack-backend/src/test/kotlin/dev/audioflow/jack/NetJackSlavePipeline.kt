package dev.audioflow.jack

import dev.audioflow.AudioFormat
import dev.audioflow.flow.gain
import dev.audioflow.flow.sine
import kotlinx.coroutines.runBlocking

/**
 * The slave host's side of [NetJackSpec], run in its own JVM on the slave host:
 * `sine(FREQUENCY) -> gain(LEVEL) -> play` on the server `$JACK_DEFAULT_SERVER`, through ports
 * `player:out_1/2` connected to the slave's `system:playback_1/2` (which netjack2 carries to the
 * master). Prints "playing" once connected, and plays until killed.
 */
fun main(args: Array<String>) {
    val frequency = args[0].toDouble()
    val level = args[1].toFloat()
    runBlocking {
        jackClient("player", useExactName = true) {
            val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
            activate()
            outputs.zip(physicalPlaybackPorts()).forEach { (port, playback) -> connect(port.name, playback) }
            println("playing")
            System.out.flush()
            play(sine(frequency, AudioFormat(sampleRate, 2), blockFrames = bufferSize).gain(level), outputs)
        }
    }
}
