package dev.audioflow.sndfile

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.testing.ToneFit
import io.kotest.assertions.withClue
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.math.PI
import kotlin.math.sin

/** One container/encoding pair of the issue's list, with how a round trip through it is judged. */
data class Case(val extension: String, val format: FileFormat, val subtype: FileSubtype) {
    val lossy: Boolean get() = subtype.lossy
    override fun toString(): String = "$format/$subtype (.$extension)"
}

/** Every format of the issue, lossless in each of its usual encodings, and the lossy ones. */
val CASES = listOf(
    Case("wav", FileFormat.WAV, FileSubtype.PCM_U8),
    Case("wav", FileFormat.WAV, FileSubtype.PCM_16),
    Case("wav", FileFormat.WAV, FileSubtype.PCM_24),
    Case("wav", FileFormat.WAV, FileSubtype.PCM_32),
    Case("wav", FileFormat.WAV, FileSubtype.FLOAT),
    Case("wav", FileFormat.WAV, FileSubtype.DOUBLE),
    Case("rf64", FileFormat.RF64, FileSubtype.PCM_24),
    Case("w64", FileFormat.W64, FileSubtype.PCM_24),
    Case("w64", FileFormat.W64, FileSubtype.FLOAT),
    Case("aiff", FileFormat.AIFF, FileSubtype.PCM_16),
    Case("aiff", FileFormat.AIFF, FileSubtype.PCM_24),
    Case("au", FileFormat.AU, FileSubtype.PCM_16),
    Case("au", FileFormat.AU, FileSubtype.FLOAT),
    Case("caf", FileFormat.CAF, FileSubtype.PCM_24),
    Case("caf", FileFormat.CAF, FileSubtype.ALAC_16),
    Case("flac", FileFormat.FLAC, FileSubtype.PCM_16),
    Case("flac", FileFormat.FLAC, FileSubtype.PCM_24),
    Case("ogg", FileFormat.OGG, FileSubtype.VORBIS),
    Case("opus", FileFormat.OGG, FileSubtype.OPUS),
    Case("mp3", FileFormat.MP3, FileSubtype.MPEG_LAYER_III),
)

/** A deterministic, position-dependent sample in -0.9..0.9: distinct per frame and channel. */
fun testSample(frame: Long, channel: Int): Float = ((frame * 7919 + channel * 104_729) % 1801) / 1000f - 0.9f

/** [frames] frames of [testSample], interleaved. */
fun testSamples(frames: Int, channels: Int, start: Long = 0): FloatArray =
    FloatArray(frames * channels) { testSample(start + it / channels, it % channels) }

/** A tone of [frequency] Hz at amplitude 0.5 on every channel (each channel a little later in phase). */
fun toneSamples(frames: Int, channels: Int, rate: Int, frequency: Double = 1_000.0): FloatArray =
    FloatArray(frames * channels) { i -> (0.5 * sin(2 * PI * frequency * (i / channels) / rate + 0.3 * (i % channels))).toFloat() }

/** [samples] as a Flow of blocks of [blockFrames] frames. */
fun blocksOf(samples: FloatArray, format: AudioFormat, blockFrames: Int = 1_000): Flow<FloatBlock> = flow {
    val ch = format.channels
    var frame = 0
    while (frame * ch < samples.size) {
        val n = minOf(blockFrames, samples.size / ch - frame)
        emit(FloatBlock(format, samples.copyOfRange(frame * ch, (frame + n) * ch), frame.toLong()))
        frame += n
    }
}

/** The samples [x] become in a lossless file of [subtype]: quantized as [SampleFormat] does. */
fun quantized(x: FloatArray, subtype: FileSubtype): FloatArray = when (subtype) {
    FileSubtype.FLOAT, FileSubtype.DOUBLE -> x
    FileSubtype.PCM_U8, FileSubtype.PCM_S8 -> SampleFormat.INT8.let { it.decode(it.encode(x)) }
    FileSubtype.PCM_16, FileSubtype.ALAC_16 -> SampleFormat.INT16.let { it.decode(it.encode(x)) }
    FileSubtype.PCM_24, FileSubtype.ALAC_24 -> SampleFormat.INT24.let { it.decode(it.encode(x)) }
    FileSubtype.PCM_32, FileSubtype.ALAC_32 -> SampleFormat.INT32.let { it.decode(it.encode(x)) }
    else -> error("$subtype is not a lossless PCM subtype")
}

/** Every sample of a collected flow, concatenated. */
fun Flow<FloatBlock>.samples(): FloatArray = runBlocking { toList() }.let { blocks ->
    FloatArray(blocks.sumOf { it.samples.size }).also { out ->
        var i = 0
        for (b in blocks) {
            b.samples.copyInto(out, i)
            i += b.samples.size
        }
    }
}

/** Runs [command]; fails the test with its output unless it exits with 0; returns its stdout. */
fun run(vararg command: String): String {
    val process = ProcessBuilder(*command).redirectError(ProcessBuilder.Redirect.PIPE).start()
    val out = process.inputStream.bufferedReader().readText()
    val err = process.errorStream.bufferedReader().readText()
    process.waitFor(120, TimeUnit.SECONDS)
    withClue("${command.joinToString(" ")}: $out $err") { process.exitValue() shouldBe 0 }
    return out
}

/** What `soxi -s` says the frame count of [path] is. */
fun soxiFrames(path: Path): Long = run("soxi", "-s", path.toString()).trim().toLong()

/** sox's reading of [path], as interleaved float32. */
fun soxSamples(path: Path): FloatArray {
    val raw = Files.createTempFile("sox", ".f32")
    try {
        run("sox", path.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString())
        return floatsOf(raw)
    } finally {
        Files.deleteIfExists(raw)
    }
}

/** opus-tools' reading of the Opus file [path] (sox has no Opus handler in Debian 12), as interleaved float32. */
fun opusdecSamples(path: Path): FloatArray {
    val raw = Files.createTempFile("opusdec", ".f32")
    try {
        run("opusdec", "--quiet", "--float", path.toString(), raw.toString())
        return floatsOf(raw)
    } finally {
        Files.deleteIfExists(raw)
    }
}

/** Little-endian float32 values of the file at [path]. */
fun floatsOf(path: Path): FloatArray {
    val b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN)
    return FloatArray(b.remaining() / 4) { b.getFloat() }
}

/** [samples] as little-endian float32 in a file at [path]. */
fun writeFloats(path: Path, samples: FloatArray) {
    val b = ByteBuffer.allocate(samples.size * 4).order(ByteOrder.LITTLE_ENDIAN)
    samples.forEach { b.putFloat(it) }
    Files.write(path, b.array())
}

/** Channel [channel] of interleaved [x]. */
fun channel(x: FloatArray, channels: Int, channel: Int): FloatArray = FloatArray(x.size / channels) { x[it * channels + channel] }

/** The amplitude of a [frequency] Hz tone in [x] at [rate], and everything else relative to it in dB. */
fun toneFit(x: FloatArray, frequency: Double, rate: Int): Pair<Double, Double> =
    ToneFit.of(x, frequency, rate).let { it.amplitude to it.residualDb }

/** Fails with the first index where [actual] and [expected] differ by more than [tolerance]. */
fun shouldMatch(actual: FloatArray, expected: FloatArray, tolerance: Float, what: String) {
    withClue("$what: length") { actual.size shouldBe expected.size }
    for (i in expected.indices) {
        if (!(kotlin.math.abs(actual[i] - expected[i]) <= tolerance)) {
            io.kotest.assertions.fail("$what: sample $i is ${actual[i]}, expected ${expected[i]} ± $tolerance")
        }
    }
}
