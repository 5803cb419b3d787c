package dev.audioflow

import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.test.runTest

class StreamSessionSpec : FunSpec({
    // Each captured sample holds its device frame number, so the data itself shows which frames
    // were lost: the gap before a flagged block must equal the dropped count it reports.
    val frameNumbers = VirtualSource.generator { _, frame, _ -> frame.toFloat() }

    test("a consumer stalled for N blocks gets input overflow with the exact dropped-frame count") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val mic = backend.addInput("mic", 1, source = frameNumbers)
            val config = StreamConfig(AudioFormat(48_000, 1), blockSize = BlockSize.Fixed(256), ringFrames = 1024)
            val monitor = StreamMonitor()
            val flagged = mutableListOf<FloatBlock>()
            var droppedSoFar = 0L
            var gapMismatches = 0
            mic.input(config, monitor)
                .onEach { block ->
                    droppedSoFar += block.status.droppedFrames
                    if (!block.status.isClear) flagged += block
                    // device frame of the first sample = delivered frames before it + frames lost before it
                    if (block.samples[0] != (block.frameIndex + droppedSoFar).toFloat()) gapMismatches++
                    if (block.frameIndex == 256L * 3) delay(20 * 256 * 1000L / 48_000) // stall for 20 blocks
                }
                .take(40)
                .collect()
            gapMismatches shouldBe 0
            flagged.size shouldBe 1
            val status = flagged.single().status
            status.inputOverflow shouldBe true
            status.droppedFrames shouldBeGreaterThan 0L
            // The ring absorbs 4 blocks of the 20-block stall; the rest is lost.
            (status.droppedFrames % 256) shouldBe 0L
            (status.droppedFrames / 256).toInt() shouldBeGreaterThan 14
            monitor.stats.value.droppedFrames shouldBe status.droppedFrames
            monitor.stats.value.inputOverflows shouldBe status.droppedFrames / 256
        }
    }

    test("a starved producer makes the output underflow, counted in StreamStats") {
        runTest {
            val backend = VirtualBackend(Pacing.CoroutineTime)
            val speaker = backend.addOutput("speaker", 1)
            val format = AudioFormat(48_000, 1)
            val monitor = StreamMonitor()
            kotlinx.coroutines.flow.flow {
                repeat(6) { i ->
                    emit(FloatBlock(format, FloatArray(256) { 0.5f }, i * 256L))
                    if (i == 3) delay(100) // the device runs dry for about 19 blocks
                }
            }.playOn(speaker, StreamConfig(format, blockSize = BlockSize.Fixed(256)), monitor)
            val stats = monitor.stats.value
            stats.outputUnderflows shouldBeGreaterThan 10L
            stats.silencedFrames shouldBe stats.outputUnderflows * 256
            stats.framesOut shouldBe 6 * 256L
        }
    }
})
