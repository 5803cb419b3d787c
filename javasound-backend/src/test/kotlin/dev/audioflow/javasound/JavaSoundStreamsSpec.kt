package dev.audioflow.javasound

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.input
import dev.audioflow.javasound.JavaSoundTesting.FORMAT
import dev.audioflow.javasound.JavaSoundTesting.device
import dev.audioflow.javasound.JavaSoundTesting.payload
import dev.audioflow.javasound.JavaSoundTesting.sine
import dev.audioflow.playOn
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.transformWhile
import kotlin.time.Duration

/** Collects blocks until [frames] frames have arrived. */
private suspend fun Flow<FloatBlock>.firstFrames(frames: Int): List<FloatBlock> {
    var got = 0
    return transformWhile { block -> emit(block); got += block.frames; got < frames }.toList()
}

private val SILENT_FRAME = listOf(0f, 0f)

class JavaSoundStreamsSpec : FunSpec({
    afterEach { StreamDiagnostics.openStreams shouldBe 0 }

    test("the exact samples of a sine flow reach the device's record file through a 16-bit line") {
        // Two 4096-frame blocks are queued before the line thread starts, so the unpaced device
        // never runs dry in the middle of the signal, however loaded the machine.
        val blocks = sine(8192, 512)
        JavaSoundTesting.recordFile.delete()
        val monitor = StreamMonitor()
        blocks.asFlow().playOn(device, StreamConfig(FORMAT, blockSize = BlockSize.Fixed(4096)), monitor)
        payload(JavaSoundTesting.recordFile.readBytes(), 8192) shouldBe blocks.flatMap { it.samples.asList() }.toFloatArray()
        monitor.stats.value.framesOut shouldBe 8192L
        monitor.info.value!!.backend shouldBe "javasound"
        monitor.info.value!!.description shouldContain device.name
    }

    test("the input Flow delivers exactly the samples of the capture file") {
        val expected = JavaSoundTesting.writeSource(6000)
        val blocks = device.input(StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), ringFrames = 16_384)).firstFrames(6000)
        blocks.flatMap { it.samples.asList() }.take(expected.size).toFloatArray() shouldBe expected
        blocks.forEachIndexed { i, block ->
            block.frameIndex shouldBe i * 256L
            block.status.droppedFrames shouldBe 0L
        }
    }

    test("duplex over the input and the output line plays captured frames in order, and reports every gap and drop") {
        // The test device is unpaced on both sides, so the line thread outruns the coroutine side
        // now and then: the output then plays silence, counted as ring underflows or, when the
        // ALSA device itself ran dry (the line thread preempted on a loaded machine), as xruns;
        // and the duplex latency target takes such silence back by dropping queued frames,
        // counted as resync drops. Nothing may be reordered, invented or lost uncounted.
        val expected = JavaSoundTesting.writeSource(4096)
        JavaSoundTesting.recordFile.delete()
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), ringFrames = 16_384)
        val monitor = StreamMonitor()
        device.duplex(config, monitor = monitor) { input -> input.take(16) }
        val stats = monitor.stats.value
        stats.framesIn shouldBe 16 * 256L
        val frames = SampleFormat.INT16.decode(JavaSoundTesting.recordFile.readBytes()).asList().chunked(2)
        val played = frames.filter { it != SILENT_FRAME }
        val source = expected.asList().chunked(2)
        // In order: every played frame is the next or a later frame of the source (drops skip ahead).
        var next = 0
        for ((i, frame) in played.withIndex()) {
            while (next < source.size && source[next] != frame) next++
            withClue("played frame $i (${frame}) is not a later source frame") { (next < source.size) shouldBe true }
            next++
        }
        val lost = source.size - played.size
        if (lost > 0) withClue("$lost source frames not played, with $stats") { (stats.resyncDroppedFrames + stats.outputUnderflows + stats.xruns) shouldBeGreaterThan 0L }
    }

    test("StreamInfo reports the line buffers as the latency") {
        val monitor = StreamMonitor()
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(256), settings = listOf(JavaSoundSettings(lineBufferFrames = 4800)))
        device.input(config, monitor).take(2).toList()
        monitor.info.value!!.inputLatency shouldBe FORMAT.durationOf(4800)
        monitor.info.value!!.outputLatency shouldBe Duration.ZERO
        monitor.info.value!!.blockSize shouldBe BlockSize.Fixed(256)
    }

    test("a line format the mixer does not have fails with UnsupportedFormat listing the supported rates") {
        val config = StreamConfig(FORMAT, settings = listOf(JavaSoundSettings(SampleFormat.FLOAT32)))
        val error = shouldThrow<AudioException> { sine(512, 512).asFlow().playOn(device, config) }
        error.kind shouldBe AudioErrorKind.UnsupportedFormat
        error.message shouldContain "48000 Hz × 2 ch FLOAT32"
        error.message shouldContain "supported rates: 8000"
        error.backend shouldBe "javasound"
    }
})
