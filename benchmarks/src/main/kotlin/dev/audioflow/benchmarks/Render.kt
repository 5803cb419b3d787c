package dev.audioflow.benchmarks

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.flow.gain
import dev.audioflow.flow.mix
import dev.audioflow.flow.sine
import dev.audioflow.flow.takeFrames
import dev.audioflow.flow.toStereo
import dev.audioflow.flow.writeWav
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.runBlocking
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.nio.file.Path

/** Frequencies of the four sines of the benchmark pipeline. */
val PIPELINE_FREQUENCIES = doubleArrayOf(220.0, 330.0, 440.0, 550.0)

/** Peak amplitude of each sine and the gain applied to each before mixing. */
const val PIPELINE_AMPLITUDE = 0.2f
const val PIPELINE_GAIN = 0.5f

/**
 * The benchmark graph, also rendered by pyo in `benchmarks/render-vs-pyo`: four mono sines,
 * each through a gain, mixed, and widened to stereo.
 */
fun fourSinePipeline(sampleRate: Int, blockFrames: Int): Flow<FloatBlock> {
    val mono = AudioFormat(sampleRate, 1)
    return mix(PIPELINE_FREQUENCIES.map { sine(it, mono, PIPELINE_AMPLITUDE, blockFrames).gain(PIPELINE_GAIN) }).toStereo()
}

/** Wall-clock and CPU seconds (of the rendering thread) one render took. */
class RenderTime(val wall: Double, val cpu: Double)

/** Renders [seconds] of the pipeline unpaced into a stereo float WAV at [path] on the calling thread. */
fun renderOnce(path: Path, seconds: Int, sampleRate: Int = 48_000, blockFrames: Int = 256): RenderTime {
    val threads = ManagementFactory.getThreadMXBean()
    val cpuStart = threads.currentThreadCpuTime
    val start = System.nanoTime()
    val frames = runBlocking { fourSinePipeline(sampleRate, blockFrames).takeFrames(seconds.toLong() * sampleRate).writeWav(path, SampleFormat.FLOAT32) }
    val wall = (System.nanoTime() - start) / 1e9
    val cpu = (threads.currentThreadCpuTime - cpuStart) / 1e9
    check(frames == seconds.toLong() * sampleRate) { "rendered $frames frames, expected ${seconds.toLong() * sampleRate}" }
    return RenderTime(wall, cpu)
}

/**
 * Offline render benchmark: `java -cp benchmarks.jar dev.audioflow.benchmarks.RenderKt [seconds] [output.wav] [warm runs]`.
 *
 * Renders the pipeline once cold (the first run in a fresh JVM, JIT compilation included), then
 * `warm runs` more times (default [WARM_RUNS], at least 1), printing each realtime factor: seconds of audio per second of wall
 * time, and per second of the rendering thread's CPU time (steadier than wall time on a busy
 * machine). The last two lines, `audioflow realtime factor: X` (best warm wall-clock run) and
 * `audioflow cpu realtime factor: Y`, are what `benchmarks/render-vs-pyo` compares with pyo.
 */
fun main(args: Array<String>) {
    val seconds = args.getOrNull(0)?.toInt() ?: 120
    val path = Path.of(args.getOrNull(1) ?: "benchmarks/out/render-audioflow.wav")
    val warmRuns = args.getOrNull(2)?.toInt() ?: WARM_RUNS
    require(seconds > 0 && warmRuns > 0) { "seconds and warm runs must be positive, were $seconds and $warmRuns" }
    path.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    fun report(label: String, t: RenderTime) = println(
        "audioflow %s: %d s of audio in %.3f s (cpu %.3f s), realtime factor %.1f (cpu %.1f)".format(
            label, seconds, t.wall, t.cpu, seconds / t.wall, seconds / t.cpu,
        ),
    )
    report("cold run", renderOnce(path, seconds))
    var bestWall = Double.MAX_VALUE
    var bestCpu = Double.MAX_VALUE
    repeat(warmRuns) { run ->
        val t = renderOnce(path, seconds)
        report("warm run ${run + 1}", t)
        bestWall = minOf(bestWall, t.wall)
        bestCpu = minOf(bestCpu, t.cpu)
    }
    println("audioflow output: $path (${Files.size(path)} bytes)")
    println("audioflow realtime factor: %.1f".format(seconds / bestWall))
    println("audioflow cpu realtime factor: %.1f".format(seconds / bestCpu))
}

/** Warm runs after the cold one by default; the best counts. */
const val WARM_RUNS = 10
