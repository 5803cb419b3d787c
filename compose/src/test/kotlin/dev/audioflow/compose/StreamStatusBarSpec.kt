package dev.audioflow.compose

import androidx.compose.material3.Text
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.runComposeUiTest
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamInfo
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats
import dev.audioflow.StreamDiagnostics
import dev.audioflow.input
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** StreamStatusBar: the figures it shows, alerts in the alert colour, and a live stream's monitor. */
@OptIn(ExperimentalTestApi::class)
class StreamStatusBarSpec : FunSpec({
    val info = StreamInfo(48_000.0, 10.milliseconds, 21.3.milliseconds, BlockSize.Fixed(256), "virtual", "test")

    test("it shows rate, block, the device latencies labelled as such, counters and CPU; counters above zero in the alert colour") {
        runComposeUiTest {
            setContent {
                StreamStatusBar(StreamStats(xruns = 2, inputOverflows = 0, outputUnderflows = 5, cpuLoad = 0.031), info, leading = { Text("● Running") })
            }
            for (text in listOf("● Running", "48.0 kHz", "256 frames", "device latency in 10.0 ms · out 21.3 ms", "overflows 0", "CPU 3.1 %")) {
                onNodeWithText(text).assertExists()
            }
            val alert = listOf(AudioColors.Dark.alert)
            onNodeWithText("xruns 2").captureToImage().countNear(alert) shouldBeGreaterThan 5
            onNodeWithText("underflows 5").captureToImage().countNear(alert) shouldBeGreaterThan 5
            onNodeWithText("overflows 0").captureToImage().countNear(alert) shouldBe 0
        }
    }

    test("before a stream opens it says so; an input-only stream names one latency, an unknown load reads n/a") {
        runComposeUiTest {
            var shown by mutableStateOf<StreamInfo?>(null)
            setContent { StreamStatusBar(StreamStats(), shown) }
            onNodeWithText("no stream open").assertExists()
            shown = info.copy(outputLatency = Duration.ZERO, blockSize = BlockSize.Variable)
            waitForIdle()
            onNodeWithText("device latency in 10.0 ms").assertExists()
            onNodeWithText("variable blocks").assertExists()
            onNodeWithText("CPU n/a").assertExists()
        }
    }

    test("bound to a running stream's monitor, it shows what the backend opened and closes with it") {
        val backend = VirtualBackend(Pacing.Realtime, "status-test")
        val sine = backend.addInput("sine", 2, 44_100, VirtualSource.sine(440.0))
        val monitor = StreamMonitor()
        val audio = CoroutineScope(Dispatchers.Default).launch {
            sine.input(StreamConfig(AudioFormat(44_100, 2), BlockSize.Fixed(441)), monitor).collect()
        }
        try {
            runComposeUiTest {
                setContent { StreamStatusBar(monitor) }
                waitUntil(timeoutMillis = 10_000) { monitor.info.value != null }
                waitForIdle()
                onNodeWithText("44.1 kHz").assertExists()
                onNodeWithText("441 frames").assertExists()
                onNodeWithText("xruns 0").assertExists()
            }
        } finally {
            runBlocking { audio.cancelAndJoin() }
        }
        StreamDiagnostics.openStreams shouldBe 0
    }
})
