package dev.audioflow.virtual

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.input
import dev.audioflow.playOn
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.minutes

class VirtualTimeSpec : FunSpec({
    test("ten minutes of 48 kHz stereo run through input and playOn under virtual time") {
        val totalFrames = 48_000L * 60 * 10
        val wallStart = System.nanoTime()
        runTest(timeout = 3.minutes) {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val tenMinutes = VirtualSource { format, _ ->
                var position = 0L
                VirtualSourceCursor { dst, frames ->
                    val n = minOf(frames.toLong(), totalFrames - position).toInt()
                    dst.fill(0.25f, 0, n * format.channels)
                    position += n
                    n
                }
            }
            val mic = backend.addInput("mic", 2, source = tenMinutes)
            val sink = CapturingSink(maxFrames = 0)
            val speaker = backend.addOutput("speaker", 2, sink = sink)
            val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(256))
            var expectedIndex = 0L
            var outOfOrder = 0
            mic.input(config)
                .onEach { block ->
                    if (block.frameIndex != expectedIndex) outOfOrder++
                    expectedIndex = block.frameIndex + block.frames
                }
                .playOn(speaker, config)
            outOfOrder shouldBe 0
            expectedIndex shouldBe totalFrames
            sink.frames shouldBe totalFrames
            // Virtual time advanced by the audio's duration (plus the output's start-up slack).
            testScheduler.currentTime shouldBeIn 600_000L..600_100L
        }
        println("VirtualTimeSpec: 10 minutes of audio took ${(System.nanoTime() - wallStart) / 1_000_000} ms of wall time")
    }
})
