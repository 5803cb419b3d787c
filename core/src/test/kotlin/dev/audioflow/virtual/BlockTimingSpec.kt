package dev.audioflow.virtual

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.input
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

class BlockTimingSpec : FunSpec({
    val format = AudioFormat(48_000, 1)

    test("block timestamps follow the device clock of their first frame") {
        runTest {
            val mic = VirtualBackend(Pacing.CoroutineTime).addInput("mic", 1)
            val blocks = mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(480))).take(5).toList()
            blocks.map { it.timestampNanos } shouldBe (0 until 5).map { it * 10_000_000L }
        }
    }

    test("recycled blocks reuse one array; ordinary blocks never do") {
        runTest {
            val mic = VirtualBackend(Pacing.CoroutineTime).addInput("mic", 1, source = VirtualSource.sine(1000.0))
            val recycled = mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(64), recycleBlocks = true)).take(3).map { it.samples }.toList()
            recycled[1] shouldBeSameInstanceAs recycled[0]
            recycled[2] shouldBeSameInstanceAs recycled[0]
            val owned = mic.input(StreamConfig(format, blockSize = BlockSize.Fixed(64))).take(2).map { it.samples }.toList()
            owned[1] shouldNotBeSameInstanceAs owned[0]
        }
    }
})
