package dev.audioflow.benchmarks

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.jack.jackClient
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The audioflow side of benchmarks/jack/run: a 2-in/2-out JACK passthrough whose audio goes
 * from the input ports through the input ring into a `Flow<FloatBlock>`, back through the
 * output ring and out, connected to the physical ports like jack_thru.
 *
 *   JackPassthroughKt SERVER SECONDS [--no-stream] [--stream-thread while-light|colocated|free] [--garbage MB_PER_SECOND]
 *
 * `--stream-thread` sets the stream's [StreamThreadPlacement] (default: the library's default,
 * while-light); its totals line ends with `placement=` and the placement the stream had at the
 * end: `while-light`, `colocated`, `free`, or `released` when a while-light stream let its thread go.
 *
 * With `--no-stream` the client registers and connects the same ports but runs no stream: its
 * process callback is the upcall and nothing else (the ports' buffers are not even looked
 * up), the floor of any client on its native call path (JNA or FFM: `-Daudioflow.native.path`).
 *
 * Blocks are recycled (no allocation per block on the coroutine side either), so garbage
 * collection pauses, which stop the process thread too, stay rare. With `--garbage` a
 * [GarbageLoad] thread makes that many megabytes of garbage per second next to the stream (the
 * case of benchmarks/gc-stress/run). Prints the stream's totals (cycles, ring
 * underflows/overflows, xruns, the collectors' counts and times, and the native call path it ran
 * on) when done.
 */
@OptIn(DelicateAudioApi::class)
fun main(args: Array<String>) {
    val usage = "usage: JackPassthroughKt SERVER SECONDS [--no-stream] [--stream-thread while-light|colocated|free] [--garbage MB_PER_SECOND]"
    require(args.size >= 2) { usage }
    val server = args[0]
    val seconds = args[1].toDouble()
    var stream = true
    var placement = StreamThreadPlacement.DEFAULT
    var garbage = 0
    var i = 2
    while (i < args.size) {
        when (args[i]) {
            "--no-stream" -> stream = false
            "--stream-thread" -> placement = args.getOrNull(++i)?.let(StreamThreadPlacement::byId) ?: throw IllegalArgumentException(usage)
            "--garbage" -> garbage = args.getOrNull(++i)?.toIntOrNull() ?: throw IllegalArgumentException(usage)
            else -> throw IllegalArgumentException(usage)
        }
        i++
    }
    val load = GarbageLoad(garbage).start()
    runBlocking {
        jackClient("audioflow_thru", server, useExactName = true) {
            val inputs = (1..2).map { registerAudioInput("input_$it") }
            val outputs = (1..2).map { registerAudioOutput("output_$it") }
            activate()
            physicalCapturePorts().zip(inputs).forEach { (capture, port) -> connect(capture, port.name) }
            outputs.zip(physicalPlaybackPorts()).forEach { (port, playback) -> connect(port.name, playback) }
            if (!stream) {
                delay((seconds * 1000).toLong())
                println("no stream path=${nativeCallPath.name.lowercase()}")
                return@jackClient
            }
            val monitor = StreamMonitor()
            val config = streamConfig(2, blockFrames = bufferSize).copy(
                outputChannels = 2,
                recycleBlocks = true,
                settings = listOf(placement),
            )
            withTimeoutOrNull((seconds * 1000).toLong()) {
                duplex(inputs, outputs, config, monitor) { it }
            }
            val stats = monitor.stats.value
            println(
                "cycles=${stats.cycles} outputUnderflows=${stats.outputUnderflows} inputOverflows=${stats.inputOverflows} xruns=${stats.xruns} " +
                    "garbageMB=${load.allocatedBytes / 1_000_000} ${GarbageLoad.collectorTotals()} " +
                    "path=${monitor.info.value?.nativeCallPath?.name?.lowercase()} placement=${placementAtEnd(monitor.info.value?.description.orEmpty())}",
            )
        }
    }
    load.close()
}

/** The placement a stream's [description] states at the end of its run: its `--stream-thread` id, or `released`. */
private fun placementAtEnd(description: String): String {
    val note = StreamThreadPlacement.noteIn(description)
    if (note == StreamThreadPlacement.RELEASED_DESCRIPTION) return "released"
    return StreamThreadPlacement.entries.first { it.description == note }.id
}
