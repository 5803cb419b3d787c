package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.Latency
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.DelicateAudioApi
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.process
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.portaudio.PortAudioTesting.backend
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.comparables.shouldBeGreaterThan
import io.kotest.matchers.comparables.shouldBeGreaterThanOrEqualTo
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.nio.ByteBuffer
import java.nio.ByteOrder
import kotlin.math.PI
import kotlin.math.sin
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private val FORMAT = AudioFormat(48_000, 2)

/** [frames] stereo frames of a 441 Hz sine (phase-shifted so that the first sample is not 0), in blocks of [blockFrames]. */
private fun sine(frames: Int, blockFrames: Int): List<FloatBlock> = (0 until frames step blockFrames).map { start ->
    val samples = FloatArray(blockFrames * 2) { i ->
        val frame = start + i / 2
        (0.5 * sin(2 * PI * 441 * frame / 48_000 + 0.3 + i % 2)).toFloat()
    }
    FloatBlock(FORMAT, samples, start.toLong())
}

private fun floatsOf(bytes: ByteArray): FloatArray {
    val buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
    return FloatArray(buffer.remaining()).also { buffer.get(it) }
}

/** Collects blocks until [frames] frames have arrived; returns them with the blocks. */
private suspend fun Flow<FloatBlock>.firstFrames(frames: Int): List<FloatBlock> {
    var got = 0
    return transformWhile { block -> emit(block); got += block.frames; got < frames }.toList()
}

/** Where [recorded]'s content starts after the silence PortAudio primed the device with (whole frames of [frameBytes]), checked to leave [payloadBytes]. */
private fun primedSilenceEnd(recorded: ByteArray, frameBytes: Int, payloadBytes: Int): Int {
    var start = 0
    while (start < recorded.size && recorded.copyOfRange(start, start + frameBytes).all { it == 0.toByte() }) start += frameBytes
    withClue("bytes after the primed silence") { (recorded.size - start) shouldBeGreaterThanOrEqual payloadBytes }
    return start
}

/** The first [payloadBytes] of [recorded] after the primed silence. */
private fun afterPrimedSilence(recorded: ByteArray, frameBytes: Int, payloadBytes: Int): ByteArray {
    val start = primedSilenceEnd(recorded, frameBytes, payloadBytes)
    return recorded.copyOfRange(start, start + payloadBytes)
}

/** The file's content after the primed silence, checked to be followed only by silence. */
private fun withoutSilence(recorded: ByteArray, frameBytes: Int, payloadBytes: Int): ByteArray {
    val start = primedSilenceEnd(recorded, frameBytes, payloadBytes)
    val tail = recorded.copyOfRange(start + payloadBytes, recorded.size)
    withClue("the bytes after the payload (${tail.size} of them) must all be silence") { tail.indexOfFirst { it != 0.toByte() } shouldBe -1 }
    return recorded.copyOfRange(start, start + payloadBytes)
}

@OptIn(DelicateAudioApi::class)
@EnabledIf(PortAudioInstalled::class)
class AlsaStreamsSpec : FunSpec({
    afterEach { StreamDiagnostics.openStreams shouldBe 0 }

    test("the exact samples of a sine flow reach af_record's file") {
        // Two 4096-frame device blocks are queued before the device starts, so the unpaced
        // device never runs dry in the middle of the signal.
        val blocks = sine(8192, 512)
        PortAudioTesting.recordFile.delete()
        blocks.asFlow().playOn(alsa("af_record"), StreamConfig(FORMAT, blockSize = BlockSize.Fixed(4096)))
        val recorded = floatsOf(withoutSilence(PortAudioTesting.recordFile.readBytes(), 8, 8192 * 8))
        recorded shouldBe blocks.flatMap { it.samples.asList() }.toFloatArray()
    }

    test("the input Flow of af_source delivers exactly the samples of source.raw") {
        val expected = floatsOf(PortAudioTesting.sourceFile.readBytes())
        val frames = expected.size / 2
        val monitor = StreamMonitor()
        val blocks = alsa("af_source").input(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), ringFrames = 16_384), monitor).firstFrames(frames)
        val captured = blocks.flatMap { it.samples.asList() }.take(expected.size).toFloatArray()
        captured shouldBe expected
        blocks.forEachIndexed { i, block ->
            block.frameIndex shouldBe i * 256L
            block.status.droppedFrames shouldBe 0L
        }
        monitor.info.value!!.backend shouldBe "portaudio"
        monitor.info.value!!.description shouldContain "af_source"
    }

    test("variable blocks of any size arrive exactly, copied straight from PortAudio's buffer") {
        val expected = floatsOf(PortAudioTesting.sourceFile.readBytes())
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Variable, latency = Latency.Explicit(1.seconds), ringFrames = 65_536)
        val blocks = alsa("af_source").input(config).firstFrames(expected.size / 2)
        blocks.flatMap { it.samples.asList() }.take(expected.size).toFloatArray() shouldBe expected
        blocks.zipWithNext().forEach { (a, b) ->
            b.frameIndex shouldBe a.endFrameIndex
            b.timestampNanos shouldBeGreaterThanOrEqual a.timestampNanos
        }
    }

    test("raw variable blocks larger than the callback's scratch arrays are processed in chunks, exactly") {
        val expected = PortAudioTesting.sourceFile.readBytes()
        val monitor = StreamMonitor()
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Variable, latency = Latency.Explicit(1.seconds), ringFrames = 65_536)
        var got = 0
        val blocks = alsa("af_source").rawInput(config, SampleFormat.INT16, monitor).transformWhile { emit(it); got += it.bytes.size; got < expected.size }.toList()
        blocks.fold(ByteArray(0)) { acc, b -> acc + b.bytes }.copyOf(expected.size) shouldBe expected
        val status = monitor.portAudioStatus.shouldNotBeNull()
        status.cycles shouldBeGreaterThan status.callbacks
    }

    test("raw int16 capture delivers the device's bytes untouched") {
        val expected = PortAudioTesting.sourceFile.readBytes()
        val raw = alsa("af_source").rawInput(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(512), ringFrames = 16_384), SampleFormat.INT16)
        var got = 0
        val blocks = raw.transformWhile { emit(it); got += it.bytes.size; got < expected.size }.toList()
        blocks.first().sampleFormat shouldBe SampleFormat.INT16
        blocks.fold(ByteArray(0)) { acc, b -> acc + b.bytes }.copyOf(expected.size) shouldBe expected
    }

    test("raw capture in every integer format delivers the device's bytes (int32 at the float ring's 24 bits)") {
        for (format in listOf(SampleFormat.INT8, SampleFormat.UINT8, SampleFormat.INT24, SampleFormat.INT32)) {
            val frameBytes = 2 * format.bytesPerSample
            val file = PortAudioTesting.sourceFile.readBytes()
            val device = file.copyOf(file.size / frameBytes * frameBytes)
            val expected = if (format == SampleFormat.INT32) format.encode(format.decode(device)) else device
            val raw = alsa("af_source").rawInput(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), ringFrames = 16_384), format)
            var got = 0
            val blocks = raw.transformWhile { emit(it); got += it.bytes.size; got < expected.size }.toList()
            blocks.fold(ByteArray(0)) { acc, b -> acc + b.bytes }.copyOf(expected.size) shouldBe expected
        }
    }

    test("raw int16 playback writes the given bytes to the device untouched") {
        val frames = 8192
        val bytes = ByteArray(frames * 4) { i -> ((i * 37 + 11) % 251 + 1).toByte() }
        val blocks = (0 until frames step 1024).map { start ->
            RawBlock(SampleFormat.INT16, FORMAT, bytes.copyOfRange(start * 4, (start + 1024) * 4), start.toLong())
        }
        PortAudioTesting.recordFile.delete()
        blocks.asFlow().playRawOn(alsa("af_record"), StreamConfig(FORMAT, blockSize = BlockSize.Fixed(4096)), SampleFormat.INT16)
        withoutSilence(PortAudioTesting.recordFile.readBytes(), 4, bytes.size) shouldBe bytes
    }

    test("duplex on af_null passes input through to output") {
        val monitor = StreamMonitor()
        var blocks = 0
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(128))
        alsa("af_null").duplex(config, monitor = monitor) { input ->
            input.take(200).onEach { blocks++ }
        }
        blocks shouldBe 200
        monitor.stats.value.framesIn shouldBe 200 * 128L
        // Everything passed through, after the primed silence: played, or skipped by a resync (the
        // unpaced null device underflows whenever the app side is behind, and a duplex stream takes
        // that silence back, less the captured frames its full input ring dropped meanwhile).
        val stats = monitor.stats.value
        stats.framesOut + stats.resyncDroppedFrames shouldBe 200 * 128L + duplexPrefillFrames(config)
    }

    // The processor path copies straight between PortAudio's buffers and the processor's arrays
    // for float32 (RealtimeEndpoint.processNative, through the copy's prepared views on the FFM
    // path) and through the array fallback's scratch for raw formats: both must move every frame.
    context("an audio-thread processor from af_source to af_record writes each cycle's input, processed, in that cycle") {
        // af_source starts its file again at its end (a stream that runs on reads it again and
        // again), so the recording is the processed file over and over after PortAudio's primed
        // silence: its first two rounds are checked, which also checks the turn between them.
        suspend fun processed(config: StreamConfig, processor: dev.audioflow.AudioProcessor): ByteArray {
            val monitor = StreamMonitor()
            PortAudioTesting.recordFile.delete()
            coroutineScope {
                val stream = launch { alsa("af_source").process(config, output = alsa("af_record"), monitor = monitor, processor = processor) }
                // The unpaced devices run flat out: the source's 4096 frames and a tail of silence.
                withTimeout(20.seconds) { monitor.stats.first { it.framesOut >= 4 * 4096 } }
                stream.cancelAndJoin()
            }
            StreamDiagnostics.openStreams shouldBe 0
            return PortAudioTesting.recordFile.readBytes()
        }

        test("float32, negated") {
            val source = PortAudioTesting.sourceFile.readBytes()
            val recorded = processed(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256))) { input, output, frames, _ ->
                for (i in 0 until frames * 2) output[i] = -input[i]
            }
            floatsOf(afterPrimedSilence(recorded, 8, 2 * source.size)) shouldBe floatsOf(source + source).map { -it }.toFloatArray()
        }

        test("int16 on the device, through the array fallback, unchanged") {
            val source = PortAudioTesting.sourceFile.readBytes()
            val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), settings = listOf(PortAudioSettings(deviceSampleFormat = SampleFormat.INT16)))
            val recorded = processed(config) { input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) }
            afterPrimedSilence(recorded, 4, 2 * source.size) shouldBe source + source
        }
    }

    test("BlockSize.Variable delivers blocks of the sizes PortAudio hands over, contiguously") {
        val monitor = StreamMonitor()
        val blocks = alsa("af_null").input(StreamConfig(FORMAT, blockSize = BlockSize.Variable), monitor).firstFrames(20_000)
        blocks.sumOf { it.frames } shouldBeGreaterThan 0
        monitor.info.value!!.blockSize shouldBe BlockSize.Variable
        blocks.zipWithNext().forEach { (a, b) -> b.frameIndex shouldBe a.endFrameIndex }
    }

    test("latency Low, High and seconds reach the stream and Pa_GetStreamInfo reports them") {
        suspend fun latencyOf(latency: Latency): Duration {
            val monitor = StreamMonitor()
            sine(1024, 256).asFlow().playOn(alsa("af_null"), StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), latency = latency), monitor)
            return monitor.info.value!!.outputLatency
        }
        val low = latencyOf(Latency.Low)
        val high = latencyOf(Latency.High)
        val explicit = latencyOf(Latency.Explicit(200.milliseconds))
        low shouldBeGreaterThan Duration.ZERO
        high shouldBeGreaterThanOrEqualTo low
        explicit shouldBeGreaterThanOrEqualTo high
    }

    test("the stream's monitor carries PortAudio's status: a running stream clock while active, then the final counts") {
        val monitor = StreamMonitor()
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(64))
        val whileRunning = mutableListOf<PortAudioStreamStatus>()
        var blocks = 0
        // At least 3000 blocks, and on until the status (sampled every 50 ms) has seen the stream active.
        withTimeout(30.seconds) {
            alsa("af_null").input(config, monitor).takeWhile { blocks++ < 3000 || whileRunning.none { it.active } }.collect {
                monitor.portAudioStatus?.let { whileRunning += it }
            }
        }
        whileRunning.map { it.active } shouldContain true
        val clock = whileRunning.filter { it.active }.map { it.streamTime }
        clock.zipWithNext().forAll { (earlier, later) -> later shouldBeGreaterThanOrEqualTo earlier }
        clock.last() shouldBeGreaterThan Duration.ZERO
        val final = monitor.portAudioStatus.shouldNotBeNull()
        final.active shouldBe false
        final.callbacks shouldBe monitor.stats.value.cycles
        final.callbacks shouldBeGreaterThanOrEqual 3000L
        final.streamTime shouldBeGreaterThanOrEqualTo clock.last()
        monitor.info.value!!.sampleRate shouldBe 48_000.0
    }

    test("a stream opened with the priming, clip-off and dither-off flags plays every frame") {
        // That the flags reach Pa_OpenStream at all is PortAudioBadInputSpec's "Invalid flag" test;
        // ALSA primes without raising paPrimingOutput, so what can be seen here is that PortAudio
        // accepts the three together and the stream still plays everything.
        val stats = StreamMonitor()
        val settings = PortAudioSettings(primeOutputBuffersUsingStreamCallback = true, clipOff = true, ditherOff = true)
        sine(4096, 256).asFlow().playOn(alsa("af_null"), StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), settings = listOf(settings)), stats)
        stats.stats.value.framesOut shouldBe 4096L
    }

    test("ALSA host-API settings open another PCM by name") {
        PortAudioTesting.recordFile.delete()
        val alsaOut = AlsaStreamSettings(deviceString = "af_record", numPeriods = 3)
        val blocks = sine(8192, 1024)
        blocks.asFlow().playOn(alsa("af_null"), StreamConfig(FORMAT, blockSize = BlockSize.Fixed(4096), settings = listOf(PortAudioSettings(output = alsaOut))))
        floatsOf(withoutSilence(PortAudioTesting.recordFile.readBytes(), 8, 8192 * 8)) shouldBe blocks.flatMap { it.samples.asList() }.toFloatArray()
    }

    test("refresh re-reads the device list, but must wait while a stream is open") {
        val before = backend.devices().map { it.name }
        val error = shouldThrow<AudioException> {
            alsa("af_null").input(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256))).take(2).collect { backend.refresh() }
        }
        error.kind shouldBe AudioErrorKind.DeviceBusy
        error.message shouldContain "refresh after they are closed"
        val stale = alsa("af_source")
        backend.refresh()
        backend.devices().map { it.name } shouldBe before
        alsa("af_source").index shouldBeGreaterThan -1
        // A device object from before the refresh is looked up again by name.
        stale.input(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256))).take(2).map { it.frames }.toList() shouldBe listOf(256, 256)
    }

    test("streams cancelled one after another inside an outer collector each deliver their blocks and close") {
        val delivered = flow { repeat(3) { emit(it) } }.map {
            alsa("af_null").input(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(32))).take(10).toList().map { it.frames }
        }.toList()
        delivered shouldBe List(3) { List(10) { 32 } }
        StreamDiagnostics.openStreams shouldBe 0
    }
})
