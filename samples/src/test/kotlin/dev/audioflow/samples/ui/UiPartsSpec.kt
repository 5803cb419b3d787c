package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import dev.audioflow.StreamInfo
import dev.audioflow.StreamStats
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** The pure parts behind the `ui` window: the status merge of two streams, the test signal. */
class UiPartsSpec : FunSpec({
    val rate = 48_000

    test("the status merges an input stream with a separate output stream into one stream's stats and info") {
        val inInfo = StreamInfo(48_000.0, 10.milliseconds, Duration.ZERO, BlockSize.Fixed(256), "virtual", "mic")
        val outInfo = StreamInfo(44_100.0, Duration.ZERO, 30.milliseconds, BlockSize.Fixed(512), "virtual", "speaker")
        val status = StreamStatus.of(
            StreamStats(framesIn = 1000, inputOverflows = 1, xruns = 2, cpuLoad = 0.1),
            inInfo,
            StreamStats(framesOut = 900, outputUnderflows = 3, silencedFrames = 64, xruns = 4, cpuLoad = 0.3),
            outInfo,
        )
        status.sampleRate shouldBe 48_000
        status.blockSize shouldBe BlockSize.Fixed(256)
        status.latency shouldBe 40.milliseconds
        status.info?.inputLatency shouldBe 10.milliseconds
        status.info?.outputLatency shouldBe 30.milliseconds
        status.description shouldBe "mic  →  speaker"
        status.framesIn shouldBe 1000
        status.stats.framesOut shouldBe 900
        status.overflows shouldBe 1
        status.underflows shouldBe 3
        status.stats.silencedFrames shouldBe 64
        status.xruns shouldBe 6
        status.cpuLoad shouldBe 0.3

        val alone = StreamStatus.of(StreamStats(framesIn = 5, cpuLoad = Double.NaN), inInfo, null, null)
        alone.latency shouldBe 10.milliseconds
        alone.description shouldBe "mic"
        alone.cpuLoad.isNaN() shouldBe true
        StreamStatus.of(StreamStats(), null, null, null).info.shouldBeNull()
        StreamStatus.IDLE.sampleRate shouldBe 0
    }

    test("the test signal stays within full scale, differs between channels and is deterministic") {
        val left = FloatArray(rate * 2) { TestSignal.sample(rate, it.toLong(), 0) }
        val right = FloatArray(rate * 2) { TestSignal.sample(rate, it.toLong(), 1) }
        left.asList().forAll { it shouldBeIn -1f..1f }
        right.asList().forAll { it shouldBeIn -1f..1f }
        left shouldNotBe right
        TestSignal.sample(rate, 12_345, 1) shouldBe TestSignal.sample(rate, 12_345, 1)
        left.max() shouldBeGreaterThan 0.3f
    }
})
