package dev.audioflow.compose

import androidx.compose.foundation.layout.size
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.unit.dp
import dev.audioflow.flow.Levels
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.MutableStateFlow

/** LevelMeter rendered by Compose's desktop test host: what it draws, and its peak hold on the frame clock. */
@OptIn(ExperimentalTestApi::class)
class LevelMeterSpec : FunSpec({
    val colors = AudioColors.Dark
    val meterColors = listOf(colors.low, colors.mid, colors.high)

    fun levels(frame: Long, vararg peaks: Float): Levels = Levels(frame, 1600, peaks, FloatArray(peaks.size) { peaks[it] / 2 })

    test("a reading lights the channel that has signal and leaves a silent one dark") {
        runComposeUiTest {
            val reading = PeakHold().update(levels(0, 0.5f, 0f), 0)
            setContent { LevelMeter(reading, Modifier.size(160.dp, 320.dp).testTag("meter")) }
            val node = onNodeWithTag("meter")
            node.stateDescription() shouldContain "L peak -6.0 dBFS, rms -12.0 dBFS, hold -6.0 dBFS"
            node.stateDescription() shouldContain "R peak -∞ dBFS"
            val image = node.captureToImage()
            val half = image.width * 30 / 160 + (image.width - image.width * 30 / 160) / 2
            withClue("left bar lit") { image.countNear(meterColors, 0, half) shouldBeGreaterThan 2_000 }
            withClue("right bar dark") { image.countNear(meterColors, half, image.width) shouldBe 0 }
        }
    }

    test("no reading draws empty tracks only") {
        runComposeUiTest {
            setContent { LevelMeter(reading = null, Modifier.size(160.dp, 320.dp).testTag("meter")) }
            onNodeWithTag("meter").stateDescription() shouldBe "no signal"
            onNodeWithTag("meter").captureToImage().countNear(meterColors) shouldBe 0
        }
    }

    test("bound to a StateFlow, the meter follows new levels and holds the peak for 1.5 s of frame time, then lets it fall") {
        runComposeUiTest {
            val flow = MutableStateFlow<Levels?>(null)
            setContent { LevelMeter(flow, Modifier.size(160.dp, 320.dp).testTag("meter")) }
            val node = onNodeWithTag("meter")
            node.stateDescription() shouldBe "no signal"

            flow.value = levels(0, 0.5f, 0.25f)
            waitForIdle()
            node.stateDescription() shouldContain "L peak -6.0 dBFS, rms -12.0 dBFS, hold -6.0 dBFS"
            node.stateDescription() shouldContain "R peak -12.0 dBFS, rms -18.1 dBFS, hold -12.0 dBFS"

            flow.value = levels(1600, 0.05f, 0.05f)
            waitForIdle()
            withClue("a quieter window right after keeps the hold") {
                node.stateDescription() shouldContain "L peak -26.0 dBFS, rms -32.0 dBFS, hold -6.0 dBFS"
            }

            mainClock.advanceTimeBy(3_000)
            flow.value = levels(3200, 0.05f, 0.05f)
            waitForIdle()
            withClue("3 s later the mark has fallen to the current peak") {
                node.stateDescription() shouldContain "L peak -26.0 dBFS, rms -32.0 dBFS, hold -26.0 dBFS"
            }
        }
    }
})
