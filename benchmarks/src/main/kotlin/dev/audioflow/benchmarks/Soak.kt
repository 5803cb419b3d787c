package dev.audioflow.benchmarks

import dev.audioflow.FloatBlock
import dev.audioflow.StreamMonitor
import dev.audioflow.jack.jackClient
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import java.io.File
import java.lang.management.ManagementFactory
import kotlin.system.exitProcess

/**
 * The soak of issue 19 (benchmarks/soak/run): a JACK duplex stream running for SECONDS, checked
 * for what a long run breaks. Channel 1 passes the server's capture through to its playback;
 * channel 2 plays a pulse every [PULSE_PERIOD_FRAMES] frames into its own input (the client's
 * second output port is connected to its second input port), and the frames from each pulse's
 * output to its arrival at the input are the stream's true round trip. It prints one line every
 * [REPORT_SECONDS] and a verdict, and exits 1 when:
 *
 * - frames in and out disagree: out must be in plus the queued prefill minus the frames the
 *   latency target dropped, within one queue of frames in flight;
 * - the round trip measured by the pulses at the end differs from the first by more than one
 *   block (latency must stay at its target, not grow with each glitch);
 * - heap after a full GC grew by more than [HEAP_SLACK_BYTES], or threads or open file
 *   descriptors grew, between the first report ([REPORT_SECONDS] in) and the end.
 *
 * The round trip is taken from the pulses after [WARM_UP_FRAMES]; the full GCs of the resource
 * checks run only at the first report and at the end, not while the stream is judged.
 *
 *   SoakKt SERVER SECONDS
 */
fun main(args: Array<String>) {
    require(args.size == 2) { "usage: SoakKt SERVER SECONDS" }
    val server = args[0]
    val seconds = args[1].toDouble()
    var failed = false
    runBlocking {
        jackClient("audioflow_soak", server, useExactName = true) {
            val inputs = (1..2).map { registerAudioInput("in_$it") }
            val outputs = (1..2).map { registerAudioOutput("out_$it") }
            activate()
            connect(physicalCapturePorts().first(), inputs[0].name)
            connect(outputs[0].name, physicalPlaybackPorts().first())
            connect(outputs[1], inputs[1])
            val monitor = StreamMonitor()
            val config = streamConfig(2, blockFrames = bufferSize)
            val block = bufferSize
            val probe = PulseProbe()
            val started = System.nanoTime()
            var baseline: Resources? = null
            val reporter = launch {
                var next = REPORT_SECONDS
                while (true) {
                    kotlinx.coroutines.delay(REPORT_SECONDS * 1000L)
                    if (baseline == null) baseline = Resources.measure()
                    val stats = monitor.stats.value
                    println(
                        "soak: ${next}s framesIn=${stats.framesIn} framesOut=${stats.framesOut} roundTripFrames=${probe.last} " +
                            "(first ${probe.first}, min ${probe.min}, max ${probe.max}) underflows=${stats.outputUnderflows} " +
                            "overflows=${stats.inputOverflows} xruns=${stats.xruns} resyncs=${stats.resyncs} threads=${Thread.activeCount()}",
                    )
                    next += REPORT_SECONDS
                }
            }
            withTimeoutOrNull((seconds * 1000).toLong()) {
                duplex(inputs, outputs, config, monitor) { input -> input.map { probe.process(it) } }
            }
            reporter.cancel()
            val elapsed = (System.nanoTime() - started) / 1e9
            val stats = monitor.stats.value
            val end = Resources.measure()
            val start = baseline ?: end
            val prefill = config.duplexQueueFrames.toLong()
            val imbalance = stats.framesOut + stats.resyncDroppedFrames - prefill - stats.framesIn
            val drift = probe.last - probe.first
            println(
                "soak: ran %.1f s, cycles=%d framesIn=%d framesOut=%d prefill=%d resyncDropped=%d imbalance=%d frames"
                    .format(elapsed, stats.cycles, stats.framesIn, stats.framesOut, prefill, stats.resyncDroppedFrames, imbalance),
            )
            println("soak: round trip by pulse: first ${probe.first}, last ${probe.last}, min ${probe.min}, max ${probe.max} frames (${probe.pulses} pulses); drift $drift frames")
            println("soak: resources at start ${start.describe()}; at end ${end.describe()}")
            val problems = buildList {
                if (probe.pulses < 2) add("fewer than 2 pulses came back (${probe.pulses})")
                if (kotlin.math.abs(imbalance) > 2L * block + prefill) add("frames in and out disagree by $imbalance frames")
                if (kotlin.math.abs(drift) > block) add("the round trip drifted by $drift frames (more than one block)")
                if (end.heapBytes - start.heapBytes > HEAP_SLACK_BYTES) add("heap after GC grew by ${(end.heapBytes - start.heapBytes) / 1024} KiB")
                if (end.threads > start.threads) add("threads grew from ${start.threads} to ${end.threads}")
                if (end.fds > start.fds) add("open file descriptors grew from ${start.fds} to ${end.fds}")
            }
            if (problems.isEmpty()) {
                println("soak: PASS")
            } else {
                problems.forEach { println("soak: FAIL: $it") }
                failed = true
            }
        }
    }
    if (failed) exitProcess(1)
}

/** Frames between two pulses on channel 2: a fifth of a second at 48 kHz, longer than any round trip here. */
private const val PULSE_PERIOD_FRAMES = 9_600L

private const val REPORT_SECONDS = 5

/** Input frames before the round trip is first taken: two seconds at 48 kHz. */
private const val WARM_UP_FRAMES = 96_000L

/** Heap growth after GC that is still noise: the JIT's and the class library's own caches. */
private const val HEAP_SLACK_BYTES = 4L * 1024 * 1024

/**
 * Channel 1 passes through; channel 2 is a pulse train whose echo on input channel 2 gives the
 * round trip in frames. Runs on the stream's thread only.
 */
private class PulseProbe {
    private var emitted = 0L
    private var lastPulseOut = -1L
    private var pulseSeen = false
    var first = -1L; private set
    var last = -1L; private set
    var min = Long.MAX_VALUE; private set
    var max = Long.MIN_VALUE; private set
    var pulses = 0; private set

    fun process(block: FloatBlock): FloatBlock {
        val frames = block.frames
        val input = block.samples
        for (i in 0 until frames) {
            val high = input[i * 2 + 1] > 0.25f
            // Pulses of the first seconds are left out: a cold JVM's first blocks may still be resynced.
            if (high && !pulseSeen && lastPulseOut >= 0 && block.frameIndex >= WARM_UP_FRAMES) {
                val roundTrip = block.frameIndex + i - lastPulseOut
                if (first < 0) first = roundTrip
                last = roundTrip
                if (roundTrip < min) min = roundTrip
                if (roundTrip > max) max = roundTrip
                pulses++
            }
            pulseSeen = high
        }
        val out = FloatArray(frames * 2)
        for (i in 0 until frames) {
            out[i * 2] = input[i * 2]
            val position = emitted + i
            if (position % PULSE_PERIOD_FRAMES == 0L) {
                out[i * 2 + 1] = 0.5f
                lastPulseOut = position
            }
        }
        emitted += frames
        return FloatBlock(block.format, out, block.frameIndex)
    }
}

/** Heap after a full GC, live threads and open file descriptors of this JVM. */
private class Resources(val heapBytes: Long, val threads: Int, val fds: Int) {
    fun describe() = "heapAfterGC=${heapBytes / 1024} KiB threads=$threads fds=$fds"

    companion object {
        fun measure(): Resources {
            System.gc()
            Thread.sleep(100)
            System.gc()
            val heap = ManagementFactory.getMemoryMXBean().heapMemoryUsage.used
            val threads = ManagementFactory.getThreadMXBean().threadCount
            val fds = File("/proc/self/fd").list()?.size ?: -1
            return Resources(heap, threads, fds)
        }
    }
}
