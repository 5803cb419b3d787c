package dev.audioflow

import dev.audioflow.testing.Allocations
import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration.Companion.milliseconds

/** What the tap cases collected. */
private var tappedBlocks: List<FloatBlock> = emptyList()

@OptIn(DelicateAudioApi::class)
class AudioProcessorSpec : FunSpec({
    val format = AudioFormat(48_000, 1)
    val block = 64

    fun numberedBox(backend: VirtualBackend, sink: CapturingSink) =
        backend.addDevice("box", 1, 1, 48_000, VirtualSource.samples(FloatArray(block * 400) { (it + 1).toFloat() }), sink)

    test("a processor's output leaves in the cycle its input arrived: no added latency, reported as such") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val delays = HashSet<Long>()
            val sink = CapturingSink { samples, frames, position ->
                for (i in 0 until frames) if (samples[i] != 0f) delays += position + i - (samples[i].toLong() - 1)
            }
            val monitor = StreamMonitor()
            withTimeoutOrNull(100.milliseconds) {
                numberedBox(backend, sink).process(StreamConfig(format, BlockSize.Fixed(block)), monitor = monitor) { input, output, frames, _ ->
                    input.copyInto(output, 0, 0, frames)
                }
            }
            delays shouldBe setOf(0L)
            monitor.info.value!!.roundTripLatency shouldBe kotlin.time.Duration.ZERO
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("a parameter set from the app side reaches the processor within one cycle") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val gain = java.util.concurrent.atomic.AtomicInteger(1)
            var firstDoubled = -1L
            val setAtFrame = 100L * block
            launch {
                delay(format.durationOf(setAtFrame))
                gain.set(2)
            }
            withTimeoutOrNull(format.durationOf(200L * block)) {
                numberedBox(backend, CapturingSink()).process(StreamConfig(format, BlockSize.Fixed(block))) { input, output, frames, cycle ->
                    val g = gain.get()
                    if (g == 2 && firstDoubled < 0) firstDoubled = cycle.frameIndex
                    for (i in 0 until frames) output[i] = input[i] * g
                }
            }
            withClue("first cycle with the new gain, set at frame $setAtFrame") { (firstDoubled - setAtFrame) shouldBeLessThanOrEqual block.toLong() }
            (firstDoubled >= setAtFrame - block) shouldBe true
        }
    }

    test("an exception in a processor fails the stream with an AudioException and closes it") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val e = shouldThrow<AudioException> {
                numberedBox(backend, CapturingSink()).process(StreamConfig(format, BlockSize.Fixed(block))) { _, _, _, cycle ->
                    check(cycle.frameIndex < 10L * block) { "boom at ${cycle.frameIndex}" }
                }
            }
            e.kind shouldBe AudioErrorKind.BackendError
            e.cause.shouldBeInstanceOf<IllegalStateException>()
            e.message shouldBe "the audio processor threw java.lang.IllegalStateException: boom at ${10L * block}"
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("the processor path of the endpoint allocates nothing") {
        val endpoint = dev.audioflow.spi.RealtimeEndpoint(2, 2, 1024, 48_000)
        endpoint.installProcessor({ input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) }, 1024)
        val input = FloatArray(512)
        val output = FloatArray(512)
        fun cycles(n: Int) = repeat(n) { endpoint.process(input, output, 256, 0, 0) }
        cycles(20_000)
        Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
    }

    test("a tap of the processor's output delivers exactly what was played, and the stream ends when its reader returns") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val sink = CapturingSink()
            numberedBox(backend, sink).processWithTap(StreamConfig(format, BlockSize.Fixed(block)), tap = ProcessorTap.Output, processor = { input, output, frames, _ ->
                for (i in 0 until frames) output[i] = 2 * input[i]
            }) { out -> tappedBlocks = out.take(50).toList() }
            val blocks = tappedBlocks
            blocks.map { it.frameIndex } shouldBe List(50) { it.toLong() * block }
            blocks.forEach { it.status.isClear shouldBe true }
            val samples = blocks.flatMap { it.samples.asList() }
            samples shouldBe List(50 * block) { 2f * (it + 1) }
            sink.captured().take(50 * block) shouldBe samples
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("a tap of the processor's input delivers the input the processor saw") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            numberedBox(backend, CapturingSink()).processWithTap(StreamConfig(format, BlockSize.Fixed(block)), tap = ProcessorTap.Input, processor = { _, output, frames, _ ->
                java.util.Arrays.fill(output, 0, frames, 0f)
            }) { input -> tappedBlocks = input.take(20).toList() }
            tappedBlocks.flatMap { it.samples.asList() } shouldBe List(20 * block) { (it + 1).toFloat() }
        }
    }

    test("a tap reader that falls behind loses frames, counted in a block's status; the processed path does not wait") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val sink = CapturingSink()
            val config = StreamConfig(format, BlockSize.Fixed(block), ringFrames = 4 * block)
            numberedBox(backend, sink).processWithTap(config, tap = ProcessorTap.Output, processor = { input, output, frames, _ ->
                input.copyInto(output, 0, 0, frames)
            }) { out ->
                tappedBlocks = out.onEach { if (it.frameIndex == 0L) delay(format.durationOf(40L * block)) }.take(10).toList()
            }
            val gap = tappedBlocks.first { !it.status.isClear }
            gap.status.inputOverflow shouldBe true
            (gap.status.droppedFrames > 0) shouldBe true
            // Index and content agree after the gap: the dropped frames are skipped, not shifted.
            gap.samples[0] shouldBe (gap.frameIndex + 1).toFloat()
            (sink.frames >= 40L * block) shouldBe true
        }
    }

    test("the processor path of the endpoint allocates nothing with a tap, also when the tap's ring is full") {
        val endpoint = dev.audioflow.spi.RealtimeEndpoint(2, 2, 1024, 48_000)
        endpoint.installProcessor({ input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) }, 1024, ProcessorTap.Output, 4096)
        val input = FloatArray(512)
        val output = FloatArray(512)
        fun cycles(n: Int) = repeat(n) { endpoint.process(input, output, 256, 0, 0) }
        cycles(20_000)
        Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
        (endpoint.processorRunner!!.tapDropped.value > 0) shouldBe true
    }
})
