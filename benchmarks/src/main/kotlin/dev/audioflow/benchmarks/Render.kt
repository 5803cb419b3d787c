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

/** Renders [seconds] of the pipeline unpaced into a stereo float WAV at [path]; returns wall-clock seconds. */
fun renderOnce(path: Path, seconds: Int, sampleRate: Int = 48_000, blockFrames: Int = 256): Double {
    val start = System.nanoTime()
    val frames = runBlocking { fourSinePipeline(sampleRate, blockFrames).takeFrames(seconds.toLong() * sampleRate).writeWav(path, SampleFormat.FLOAT32) }
    val elapsed = (System.nanoTime() - start) / 1e9
    check(frames == seconds.toLong() * sampleRate) { "rendered $frames frames, expected ${seconds.toLong() * sampleRate}" }
    return elapsed
}

/**
 * Offline render benchmark: `java -cp benchmarks.jar dev.audioflow.benchmarks.RenderKt [seconds] [output.wav]`.
 *
 * Renders the pipeline once cold (the first run in a fresh JVM, JIT compilation included), then
 * three more times, and prints each realtime factor (seconds of audio per second of wall time);
 * the last line, `audioflow realtime factor: X`, is the best warm run, which
 * `benchmarks/render-vs-pyo` compares with pyo.
 */
fun main(args: Array<String>) {
    val seconds = args.getOrNull(0)?.toInt() ?: 120
    val path = Path.of(args.getOrNull(1) ?: "benchmarks/out/render-audioflow.wav")
    path.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    val cold = renderOnce(path, seconds)
    println("audioflow cold run: %d s of audio in %.3f s, realtime factor %.1f".format(seconds, cold, seconds / cold))
    var best = Double.MAX_VALUE
    repeat(3) { run ->
        val warm = renderOnce(path, seconds)
        println("audioflow warm run %d: %d s of audio in %.3f s, realtime factor %.1f".format(run + 1, seconds, warm, seconds / warm))
        best = minOf(best, warm)
    }
    println("audioflow output: $path (${Files.size(path)} bytes)")
    println("audioflow realtime factor: %.1f".format(seconds / best))
}
