package dev.audioflow.compose

import androidx.compose.foundation.layout.size
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.MutableStateFlow
import kotlin.math.PI
import kotlin.math.sin

/** Oscilloscope rendered by Compose's desktop test host: traces drawn per channel, the caption, following the flow. */
@OptIn(ExperimentalTestApi::class)
class OscilloscopeSpec : FunSpec({
    val colors = AudioColors.Dark

    fun stereoTrace(frames: Int = 480, triggered: Boolean = true): ScopeTrace =
        ScopeTrace(2, FloatArray(frames * 2) { i -> if (i % 2 == 0) sin(2 * PI * 3 * (i / 2) / frames).toFloat() * 0.8f else 0.2f }, triggered, 48_000)

    test("bound to a StateFlow, the scope draws the grid alone, then one line per channel in its colour, with the span and trigger in the caption") {
        runComposeUiTest {
            val traces = MutableStateFlow<ScopeTrace?>(null)
            setContent { Oscilloscope(traces, Modifier.size(400.dp, 240.dp).testTag("scope")) }
            val node = onNodeWithTag("scope")
            node.stateDescription() shouldBe "no signal"
            node.captureToImage().countNear(listOf(colors.traceColor(0), colors.traceColor(1))) shouldBe 0

            traces.value = stereoTrace()
            waitForIdle()
            node.stateDescription() shouldBe "2 channels, 10.0 ms  · triggered"
            val image = node.captureToImage()
            image.countNear(listOf(colors.traceColor(0))) shouldBeGreaterThan 400
            image.countNear(listOf(colors.traceColor(1))) shouldBeGreaterThan 300

            traces.value = stereoTrace(frames = 960, triggered = false)
            waitForIdle()
            node.stateDescription() shouldBe "2 channels, 20.0 ms  · free-running"
        }
    }
})
