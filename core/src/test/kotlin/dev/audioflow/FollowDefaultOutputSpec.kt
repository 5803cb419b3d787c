package dev.audioflow

import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.launch
import java.time.Duration

/** Issue 15's opt-in "follow default" output, on virtual devices unplugged mid-stream. */
@OptIn(DelicateAudioApi::class)
class FollowDefaultOutputSpec : FunSpec({
    val mono = AudioFormat(48_000, 1)
    val block = 256
    /** 100 blocks numbered frame by frame from 1, so order and loss show in the samples. */
    val blocks = (0 until 100).map { b -> FloatBlock(mono, FloatArray(block) { i -> (b * block + i + 1).toFloat() }, b * block.toLong()) }

    test("a FollowDefaultOutput stream moves to the new default output when its device is unplugged, and plays the rest there in order") {
        val backend = VirtualBackend(Pacing.Realtime)
        val first = CapturingSink()
        val second = CapturingSink()
        val a = backend.addOutput("A", 1, 48_000, first)
        backend.addOutput("B", 1, 48_000, second)
        backend.defaultOutputDevice().name shouldBe "A"
        val switches = mutableListOf<Triple<String, String, Duration>>()
        // A ring of 2048 frames (a power of two, so its capacity is exactly that): the most a switch may lose, plus the block in hand.
        val config = StreamConfig(mono, BlockSize.Fixed(block), ringFrames = 2048, settings = listOf(FollowDefaultOutput(Duration.ofSeconds(2)) { from, to, gap -> switches += Triple(from.name, to.name, gap) }))
        coroutineScope {
            launch {
                delay(200)
                backend.removeDevice(a)
            }
            blocks.asFlow().playOn(a, config)
        }
        switches.map { it.first to it.second } shouldBe listOf("A" to "B")
        switches.single().third.toMillis() shouldBeLessThan 2_000L
        val played = (first.captured().asList() + second.captured().asList()).filter { it != 0f }
        withClue("played frames in order, none twice") { played.zipWithNext().all { (x, y) -> y > x } shouldBe true }
        played.last() shouldBe (100f * block)
        withClue("frames lost in the switch: at most the lost stream's ring") {
            played.size.toLong() shouldBeGreaterThanOrEqual 100L * block - 2048 - block
        }
        second.captured().any { it != 0f } shouldBe true
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("without a new default output within maxGap the stream fails with the device's StreamInvalidated") {
        val backend = VirtualBackend(Pacing.Realtime)
        val a = backend.addOutput("A", 1, 48_000, CapturingSink())
        val config = StreamConfig(mono, BlockSize.Fixed(block), settings = listOf(FollowDefaultOutput(Duration.ofMillis(300))))
        val started = System.nanoTime()
        val error = shouldThrow<AudioException> {
            coroutineScope {
                launch {
                    delay(200)
                    backend.removeDevice(a)
                }
                blocks.asFlow().playOn(a, config)
            }
        }
        error.kind shouldBe AudioErrorKind.StreamInvalidated
        error.message shouldContain "A"
        ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5_000L
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("a non-positive maxGap is refused naming it") {
        val error = shouldThrow<AudioException> { FollowDefaultOutput(Duration.ZERO) }
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "PT0S"
    }
})
