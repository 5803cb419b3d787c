package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.input
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.util.SplittableRandom
import java.util.concurrent.TimeUnit
import kotlin.math.abs

/** The sample formats a WAV file can hold. */
private val WAV_FORMATS = listOf(
    SampleFormat.UINT8, SampleFormat.INT16, SampleFormat.INT24, SampleFormat.INT32, SampleFormat.FLOAT32, SampleFormat.FLOAT64,
)

/** sox's `-b`/`-e` options for a sample format. */
private fun soxEncoding(format: SampleFormat): List<String> = when (format) {
    SampleFormat.UINT8 -> listOf("-b", "8", "-e", "unsigned-integer")
    SampleFormat.FLOAT32 -> listOf("-b", "32", "-e", "floating-point")
    SampleFormat.FLOAT64 -> listOf("-b", "64", "-e", "floating-point")
    else -> listOf("-b", format.bits.toString(), "-e", "signed-integer")
}

/** Runs sox with [args]; fails the test with its output when it fails. */
private fun sox(vararg args: String) {
    val process = ProcessBuilder(listOf("sox") + args).redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    process.waitFor(60, TimeUnit.SECONDS)
    withClue("sox ${args.joinToString(" ")}: $output") { process.exitValue() shouldBe 0 }
}

/** Writes interleaved float samples as raw little-endian float32 for sox to convert. */
private fun writeRawFloat(path: Path, samples: FloatArray) {
    val b = ByteBuffer.allocate(samples.size * 4).order(ByteOrder.LITTLE_ENDIAN)
    samples.forEach { b.putFloat(it) }
    Files.write(path, b.array())
}

private fun readRawFloat(path: Path): FloatArray {
    val b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN)
    return FloatArray(b.remaining() / 4) { b.getFloat() }
}

/** The value [x] takes after a trip through [format]. */
private fun quantized(x: FloatArray, format: SampleFormat): FloatArray = format.decode(format.encode(x))

/** One LSB of [format] in float units (0 for floats). */
private fun lsb(format: SampleFormat): Float = if (format.isFloat) 0f else 1f / (1L shl (format.bits - 1))

class WavSpec : FunSpec({
    val dir = tempdir().toPath()

    context("round trip through every WAV sample format") {
        val cases = WAV_FORMATS.flatMap { f -> SHAPES.map { f to it } }
        withData(nameFn = { (f, shape) -> "$f $shape" }, cases) { (sampleFormat, shape) ->
            val format = AudioFormat(44_100, shape.channels)
            val path = dir.resolve("rt-$sampleFormat-${shape.blockFrames}-${shape.channels}.wav")
            val x = testSamples(3_001, shape.channels)
            testFlow(3_001, format, shape.blockFrames).writeWav(path, sampleFormat).let { it shouldBe 3_001L }
            val info = wavInfo(path)
            info.format shouldBe format
            info.sampleFormat shouldBe sampleFormat
            info.frames shouldBe 3_001L
            info.extensible shouldBe (shape.channels > 2 || (!sampleFormat.isFloat && sampleFormat.bits > 16))
            val blocks = wavFile(path, blockFrames = shape.blockFrames).collectBlocking()
            blocks.shouldBeContiguous()
            samplesOf(blocks) shouldBe quantized(x, sampleFormat)
            Files.size(path) % 2 shouldBe 0L
        }
    }

    context("files written by sox are read with the right sample values") {
        withData(nameFn = { "$it" }, WAV_FORMATS) { sampleFormat ->
            for (channels in CHANNEL_COUNTS) {
                val x = FloatArray(2_000 * channels) { (testSample((it / channels).toLong(), it % channels) * 1.8f) }
                val raw = dir.resolve("src-$sampleFormat-$channels.raw")
                val wav = dir.resolve("sox-$sampleFormat-$channels.wav")
                writeRawFloat(raw, x)
                sox(
                    "-D", "-t", "raw", "-r", "48000", "-e", "floating-point", "-b", "32", "-c", "$channels", "-L", raw.toString(),
                    *soxEncoding(sampleFormat).toTypedArray(), wav.toString(),
                )
                val info = wavInfo(wav)
                info.sampleFormat shouldBe sampleFormat
                info.format shouldBe AudioFormat(48_000, channels)
                val read = samplesOf(wavFile(wav, 300).collectBlocking())
                read.size shouldBe x.size
                // sox converts through 32-bit integers internally, so float files are exact to about 2^-31 only.
                val tolerance = maxOf(lsb(sampleFormat) * 1.01f, 1e-7f)
                for (i in x.indices) {
                    if (abs(read[i] - x[i]) > tolerance) {
                        io.kotest.assertions.fail("sample $i of the sox $sampleFormat file is ${read[i]}, expected ${x[i]} ± $tolerance")
                    }
                }
            }
        }
    }

    test("sox reads the files we write with the same sample values") {
        for (sampleFormat in WAV_FORMATS) {
            val path = dir.resolve("ours-$sampleFormat.wav")
            val raw = dir.resolve("ours-$sampleFormat.raw")
            val x = testSamples(1_001, 6)
            testFlow(1_001, AudioFormat(96_000, 6), 100).writeWav(path, sampleFormat)
            sox(path.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString())
            val back = readRawFloat(raw)
            val expected = quantized(x, sampleFormat)
            back.size shouldBe x.size
            for (i in x.indices) back[i].shouldBeNear(expected[i], 1e-6f)
        }
    }

    test("malformed, truncated and unsupported files give AudioException naming the problem") {
        val good = dir.resolve("good.wav")
        testFlow(1_000, AudioFormat(48_000, 2), 100).writeWav(good, SampleFormat.INT16)
        val bytes = Files.readAllBytes(good)
        fun file(name: String, content: ByteArray): Path = dir.resolve(name).also { Files.write(it, content) }
        fun problem(path: Path): AudioException = shouldThrow<AudioException> { wavFile(path).collectBlocking() }

        problem(file("empty.wav", ByteArray(0))).message shouldContain "too short"
        problem(file("garbage.wav", ByteArray(100) { (it * 37).toByte() })).kind shouldBe AudioErrorKind.UnsupportedFormat
        problem(file("text.wav", "hello, this is not audio at all".toByteArray())).message shouldContain "not a RIFF/WAVE"
        problem(file("avi.wav", bytes.copyOf().also { "AVI ".toByteArray().copyInto(it, 8) })).message shouldContain "'AVI '"
        // The layout writeWav uses: RIFF form (12 bytes), JUNK reserved for RF64 (36), fmt (24), data.
        val fmt = 48
        val data = fmt + 24
        problem(file("cut-data.wav", bytes.copyOf(bytes.size - 10))).message shouldContain "truncated"
        problem(file("cut-fmt.wav", bytes.copyOf(fmt + 18))).message shouldContain "truncated"
        problem(file("no-data.wav", bytes.copyOf(data))).message shouldContain "no 'data' chunk"
        problem(file("zero-channels.wav", bytes.copyOf().also { it[fmt + 10] = 0 })).message shouldContain "channel count 0"
        problem(file("bad-align.wav", bytes.copyOf().also { it[fmt + 20] = 3 })).message shouldContain "block align 3"
        problem(file("12-bit.wav", bytes.copyOf().also { it[fmt + 22] = 12 })).kind shouldBe AudioErrorKind.UnsupportedFormat
        val adpcm = dir.resolve("adpcm.wav")
        sox(good.toString(), "-e", "ms-adpcm", adpcm.toString())
        problem(adpcm).message shouldContain "ADPCM"
        val alaw = dir.resolve("alaw.wav")
        sox(good.toString(), "-e", "a-law", alaw.toString())
        problem(alaw).message shouldContain "A-law"
        val dataFirst = bytes.copyOfRange(0, 12) + bytes.copyOfRange(data, bytes.size) + bytes.copyOfRange(12, data)
        problem(file("data-first.wav", dataFirst)).message shouldContain "before the 'fmt ' chunk"
        shouldThrow<AudioException> { wavInfo(dir.resolve("missing.wav")) }.message shouldContain "missing.wav"
    }

    test("no corruption of a header ever escapes as anything but an AudioException") {
        val good = dir.resolve("fuzz-source.wav")
        testFlow(64, AudioFormat(48_000, 3), 64).writeWav(good, SampleFormat.INT24)
        val bytes = Files.readAllBytes(good)
        val random = SplittableRandom(11)
        val path = dir.resolve("fuzz.wav")
        var rejected = 0
        repeat(400) { round ->
            val mutated = if (round < 100) bytes.copyOf(round) else bytes.copyOf().also { m ->
                repeat(1 + random.nextInt(4)) { m[random.nextInt(80)] = random.nextInt(256).toByte() }
            }
            Files.write(path, mutated)
            try {
                wavFile(path).collectBlocking()
            } catch (e: AudioException) {
                rejected++
                e.kind shouldBeIn listOf(AudioErrorKind.InvalidArgument, AudioErrorKind.UnsupportedFormat)
            }
        }
        rejected.toLong() shouldBeGreaterThan 99L
    }

    test("a recording cancelled midway leaves a valid file holding every frame received") {
        val path = dir.resolve("cancelled.wav")
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val source = testSamples(48_000 * 10, 2)
            val mic = backend.addInput("mic", 2, source = VirtualSource.samples(source))
            val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(256))
            var received = 0L
            val recording = launch { mic.input(config).onEach { received += it.frames }.writeWav(path, SampleFormat.FLOAT32) }
            testScheduler.advanceTimeBy(1_000)
            testScheduler.runCurrent()
            val during = wavInfo(path)
            during.frames shouldBeGreaterThan 0L
            samplesOf(wavFile(path).collectBlocking()) shouldBe source.copyOf((during.frames * 2).toInt())
            testScheduler.advanceTimeBy(1_500)
            recording.cancel()
            recording.join()
            received shouldBeGreaterThan 48_000L
            val info = wavInfo(path)
            info.frames shouldBe received
            samplesOf(wavFile(path).collectBlocking()) shouldBe source.copyOf((received * 2).toInt())
        }
        val raw = dir.resolve("cancelled.raw")
        sox(path.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString())
        readRawFloat(raw).size shouldBe (wavInfo(path).frames * 2).toInt()
    }

    test("writer arguments and format changes are checked") {
        val path = dir.resolve("bad.wav")
        shouldThrow<AudioException> { flowOf<dev.audioflow.FloatBlock>().writeWav(path, SampleFormat.INT8) }.message shouldContain "UINT8"
        val changing = flowOf(
            dev.audioflow.FloatBlock(AudioFormat(48_000, 1), FloatArray(4)),
            dev.audioflow.FloatBlock(AudioFormat(44_100, 1), FloatArray(4), 4),
        )
        shouldThrow<AudioException> { changing.writeWav(path) }.message shouldContain "44100"
        wavInfo(path).frames shouldBe 4L
        flowOf<dev.audioflow.FloatBlock>().writeWav(dir.resolve("empty.wav"), format = AudioFormat(8_000, 1)) shouldBe 0L
        wavInfo(dir.resolve("empty.wav")).frames shouldBe 0L
    }
})
