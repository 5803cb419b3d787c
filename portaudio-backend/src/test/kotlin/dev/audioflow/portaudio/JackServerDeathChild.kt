package dev.audioflow.portaudio

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.input
import dev.audioflow.playOn
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * The JVM that [JackServerDeathSpec] starts, since a JVM whose PortAudio lost its JACK server
 * keeps PortAudio initialised for good. Arguments: the server name and a mode. Reports one line
 * per step on standard output.
 *
 * - `play-until-death`: plays on the server's `system` device until the stream ends (the spec
 *   kills the server after `PLAYING`), then `ENDED <epoch ms> <kind> <message>`, tries the device
 *   again (`REOPEN`), a refresh (`REFRESH`), an ALSA stream of the same PortAudio (`ALSA <frames>`),
 *   and `DONE`.
 * - `play-once`: plays 48 blocks, prints `PLAYED <frames>`.
 */
fun main(args: Array<String>) = runBlocking {
    val (serverName, mode) = args
    val backend = PortAudioBackend(PortAudioOptions(jackServerName = serverName, jackClientName = "afdeath"))
    val format = AudioFormat(48_000, 2)
    val config = StreamConfig(format, blockSize = BlockSize.Fixed(256))
    val jack = backend.devices().single { it.hostApiType == HostApiType.Jack && it.name == "system" }
    val block = FloatArray(512) { i -> (i % 64) / 64f - 0.5f }
    if (mode == "play-once") {
        val monitor = StreamMonitor()
        (0 until 48).map { FloatBlock(format, block, it * 256L) }.asFlow().playOn(jack, config, monitor)
        println("PLAYED ${monitor.stats.value.framesOut}")
        backend.close()
        return@runBlocking
    }
    val monitor = StreamMonitor()
    val playing = launch {
        monitor.stats.first { it.framesOut >= 48_000 }
        println("PLAYING")
    }
    val endless = flow {
        var i = 0L
        while (true) emit(FloatBlock(format, block, 256L * i++))
    }
    val failure = try {
        endless.playOn(jack, config, monitor)
        null
    } catch (e: AudioException) {
        e
    }
    println("ENDED ${System.currentTimeMillis()} ${failure?.kind} ${failure?.message}")
    playing.cancel()
    val reopen = try {
        (0 until 4).map { FloatBlock(format, block, it * 256L) }.asFlow().playOn(jack, config)
        null
    } catch (e: AudioException) {
        e
    }
    println("REOPEN ${reopen?.kind} ${reopen?.message}")
    val refresh = try {
        backend.refresh()
        null
    } catch (e: AudioException) {
        e
    }
    println("REFRESH ${refresh?.kind} ${refresh?.message}")
    val alsa = backend.devices().single { it.hostApiType == HostApiType.Alsa && it.name == "af_null" }
    val frames = alsa.input(config).take(20).toList().sumOf { it.frames }
    println("ALSA $frames")
    backend.close()
    println("DONE")
}
