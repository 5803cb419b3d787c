package dev.audioflow.benchmarks

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioBackend
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking

/**
 * Output throughput of a stream fed from a Flow, for benchmarks/portaudio/run: an endless Flow
 * of float32 stereo blocks played for a fixed time on an unpaced ALSA device through PortAudio,
 * or, with DEVICE `virtual`, on core's unpaced virtual device (no native code: the ceiling of
 * the coroutine side alone). Counts only the frames the device took from the ring
 * (StreamStats.framesOut), never silence played while the ring was empty, and prints
 * `frames/s` per configuration.
 *
 * Each configuration is `BLOCK[:RING_FRAMES[:FLOW_FRAMES]]`: the device's callback size, the
 * ring capacity (0 = the default, 8 blocks or 100 ms) and the size of the blocks the Flow emits
 * (default: the callback size). An unpaced device drains a small ring in microseconds and then
 * plays silence that is not counted, so a larger ring and larger Flow blocks show what the data
 * path itself can move.
 *
 * The stream has the default [StreamThreadPlacement] unless `-Dbench.streamThread=free|colocated|while-light`
 * names another; stderr shows the placement each stream ended with.
 *
 * usage: PortAudioThroughput DEVICE|virtual SECONDS BLOCK[:RING_FRAMES[:FLOW_FRAMES]]...
 */
fun main(args: Array<String>) {
    require(args.size >= 3) { "usage: PortAudioThroughput DEVICE|virtual SECONDS BLOCK[:RING_FRAMES[:FLOW_FRAMES]]..." }
    val placement = System.getProperty("bench.streamThread")?.let {
        StreamThreadPlacement.byId(it) ?: throw IllegalArgumentException("bench.streamThread must be one of ${StreamThreadPlacement.entries.map { p -> p.id }}, was '$it'")
    } ?: StreamThreadPlacement.DEFAULT
    val backend = PortAudioBackend()
    val device = if (args[0] == "virtual") {
        VirtualBackend(Pacing.Unpaced).addOutput("discard", channels = 2, sink = { _, _, _, _ -> })
    } else {
        backend.devices().single { it.hostApiType == HostApiType.Alsa && it.name == args[0] }
    }
    val seconds = args[1].toDouble()
    for (spec in args.drop(2)) {
        val parts = spec.split(':').map { it.toInt() }
        val block = parts[0]
        val ring = parts.getOrNull(1)?.takeIf { it > 0 }
        val flowFrames = parts.getOrElse(2) { block }
        val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(block), ringFrames = ring, settings = listOf(placement))
        val rate = runBlocking { framesPerSecond(device, config, flowFrames, seconds) }
        println("$spec %.0f".format(rate))
    }
    backend.close()
}

private suspend fun framesPerSecond(device: dev.audioflow.AudioDevice, config: StreamConfig, flowFrames: Int, seconds: Double): Double {
    val format = config.format
    val samples = FloatArray(flowFrames * format.channels) { 0.25f }
    val monitor = StreamMonitor()
    val start = System.nanoTime()
    val deadline = start + (seconds * 1e9).toLong()
    // The samples never change, so every block may share the one array.
    val source = flow {
        var index = 0L
        while (System.nanoTime() < deadline) {
            emit(FloatBlock(format, samples, index))
            index += flowFrames
        }
    }
    source.playOn(device, config, monitor)
    val elapsed = (System.nanoTime() - start) / 1e9
    val stats = monitor.stats.value
    System.err.println(
        "${device.name} ${config.nominalBlockFrames}:${config.ringFrames ?: 0}:$flowFrames: %.2f s, %d cycles (%.0f/s), %d frames from the Flow, %d cycles underflowed; %s"
            .format(elapsed, stats.cycles, stats.cycles / elapsed, stats.framesOut, stats.outputUnderflows, monitor.info.value?.description),
    )
    return stats.framesOut / elapsed
}
