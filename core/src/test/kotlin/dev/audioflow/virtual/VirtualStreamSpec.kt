package dev.audioflow.virtual

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamState
import dev.audioflow.duplex
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.testing.Leaks
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.shouldBeNaN
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runTest

class VirtualStreamSpec : FunSpec({
    val format = AudioFormat(48_000, 2)

    fun ramp(frames: Int, channels: Int = 2) = FloatArray(frames * channels) { it / (frames * channels).toFloat() }

    test("an input fed by an array delivers exactly those samples in blocks, then completes") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val data = ramp(1000)
            val mic = backend.addInput("mic", 2, source = VirtualSource.samples(data))
            val blocks = mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(256))).toList()
            blocks.map { it.frames } shouldBe listOf(256, 256, 256, 232)
            blocks.map { it.frameIndex } shouldBe listOf(0L, 256L, 512L, 768L)
            blocks.flatMap { it.samples.toList() } shouldBe data.toList()
            blocks.forAll { it.status shouldBe BlockStatus.CLEAR }
        }
    }

    test("playOn plays every frame of a flow into the device, in order, then returns") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val sink = CapturingSink()
            val speaker = backend.addOutput("speaker", 2, sink = sink)
            val data = ramp(5000)
            flow { for (start in 0 until 5000 step 700) emit(FloatBlock(format, data.copyOfRange(start * 2, minOf(5000, start + 700) * 2), start.toLong())) }
                .playOn(speaker, StreamConfig(format, blockSize = BlockSize.Fixed(128)))
            sink.captured().toList() shouldBe data.toList()
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("playOn without a config takes the format from the first block") {
        runTest {
            val backend = VirtualBackend(Pacing.Unpaced)
            val sink = CapturingSink()
            val speaker = backend.addOutput("speaker", 1, sink = sink)
            val mono = AudioFormat(22_050, 1)
            flow { emit(FloatBlock(mono, floatArrayOf(0.1f, 0.2f, 0.3f))) }.playOn(speaker)
            sink.captured().toList() shouldBe listOf(0.1f, 0.2f, 0.3f)
        }
    }

    test("duplex passes input through a transform to the output with one block of primed silence") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val sink = CapturingSink()
            val data = ramp(2048)
            val box = backend.addDevice("box", 2, 2, 48_000, VirtualSource.samples(data), sink)
            val config = StreamConfig(format, blockSize = BlockSize.Fixed(256))
            box.duplex(config) { input -> input.map { block -> block.withSamples(FloatArray(block.samples.size) { block.samples[it] * 2 }) } }
            val played = sink.captured()
            val prefill = duplexPrefillFrames(config) * 2
            withClue("the first sound in the $prefill samples of start-up silence") { played.copyOfRange(0, prefill).indexOfFirst { it != 0f } shouldBe -1 }
            played.copyOfRange(prefill, prefill + data.size).toList() shouldBe data.map { it * 2 }
        }
    }

    test("cancelling the collector closes the stream") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
            val monitor = StreamMonitor()
            mic.input(StreamConfig(format), monitor).take(5).collect()
            StreamDiagnostics.openStreams shouldBe 0
            monitor.stats.value.state shouldBe StreamState.Closed
            monitor.stats.value.framesIn shouldBe 5 * 256L
        }
    }

    test("an exception in an operator closes the stream and surfaces unchanged") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
            val monitor = StreamMonitor()
            val error = shouldThrow<IllegalStateException> {
                mic.input(StreamConfig(format), monitor).onEach { if (it.frameIndex >= 512) error("operator failed at ${it.frameIndex}") }.collect()
            }
            error.message shouldBe "operator failed at 512"
            StreamDiagnostics.openStreams shouldBe 0
            monitor.stats.value.state shouldBe StreamState.Failed
        }
    }

    test("a real-time stream reports the driver's CPU load while it runs and NaN once closed") {
        val backend = VirtualBackend(Pacing.Realtime)
        val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
        val monitor = StreamMonitor()
        val loads = mutableListOf<Double>()
        runBlocking {
            mic.input(StreamConfig(format), monitor).take(48_000 / 256).collect { loads += monitor.stats.value.cpuLoad }
        }
        val measured = loads.filter { !it.isNaN() }
        measured.size.toLong() shouldBeGreaterThan loads.size / 2L
        measured.forAll {
            it shouldBeGreaterThan 0.0
            it shouldBeLessThan 1.0
        }
        monitor.stats.value.cpuLoad.shouldBeNaN()
    }

    test("an unpaced stream cannot tell its CPU load") {
        runTest {
            val backend = VirtualBackend(Pacing.Unpaced)
            val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
            val monitor = StreamMonitor()
            val loads = mutableListOf<Double>()
            mic.input(StreamConfig(format), monitor).take(20).collect { loads += monitor.stats.value.cpuLoad }
            loads.forAll { it.shouldBeNaN() }
        }
    }

    test("1,000 open/cancel cycles leave no open stream and no extra thread") {
        val backend = VirtualBackend(Pacing.Realtime)
        val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
        val speaker = backend.addOutput("speaker", 2, sink = VirtualSink.discard())
        Leaks.checkNoLeaks {
            runBlocking {
                repeat(500) {
                    mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(64))).take(1).collect()
                    mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(64))).take(1).playOn(speaker, StreamConfig(format, blockSize = BlockSize.Fixed(64)))
                }
            }
        }
        StreamDiagnostics.totalOpened.toLong() shouldBeGreaterThan 1000L
    }

    test("a device that vanishes mid-stream delivers what it captured, then fails with StreamInvalidated") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 1, source = VirtualSource.sine(100.0))
            var frames = 0L
            val error = shouldThrow<AudioException> {
                mic.input(StreamConfig(AudioFormat(48_000, 1), blockSize = BlockSize.Fixed(100))).collect { block ->
                    frames += block.frames
                    if (frames == 1000L) mic.vanish()
                }
            }
            error.kind shouldBe AudioErrorKind.StreamInvalidated
            error.message shouldContain "mic"
            frames shouldBe 1000L
            backend.devices() shouldNotContain mic
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("a busy device refuses to open with DeviceBusy and leaves nothing open") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 2)
            mic.busy = true
            shouldThrow<AudioException> { mic.input(StreamConfig(format)).collect() }.kind shouldBe AudioErrorKind.DeviceBusy
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("unpaced streams move data as fast as the consumer goes and never drop") {
        runTest {
            val backend = VirtualBackend(Pacing.Unpaced)
            val frames = 48_000 * 30
            val mic = backend.addInput("mic", 2, source = VirtualSource.samples(FloatArray(frames * 2) { (it % 1000) / 1000f }))
            val sink = CapturingSink(maxFrames = 0)
            val speaker = backend.addOutput("speaker", 2, sink = sink)
            val monitor = StreamMonitor()
            mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(512), ringFrames = 1024), monitor).playOn(speaker, StreamConfig(format, blockSize = BlockSize.Fixed(300)))
            sink.frames shouldBe frames.toLong()
            monitor.stats.value.droppedFrames shouldBe 0
        }
    }

    test("realtime pacing takes at least the audio's duration in wall-clock time") {
        val backend = VirtualBackend(Pacing.Realtime)
        val mic = backend.addInput("mic", 2, source = VirtualSource.sine(440.0))
        val start = System.nanoTime()
        runBlocking { mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(480))).take(20).collect() }
        val elapsedMillis = (System.nanoTime() - start) / 1_000_000
        // 20 blocks of 10 ms: the driver must not deliver them faster than a sound card would.
        elapsedMillis shouldBeGreaterThan 150L
    }
})
