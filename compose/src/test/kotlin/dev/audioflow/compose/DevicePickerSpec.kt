package dev.audioflow.compose

import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.runComposeUiTest
import dev.audioflow.AudioDevice
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.runBlocking

/** DevicePicker over a real virtual backend's device list (through DeviceList): offering, choosing, following changes. */
@OptIn(ExperimentalTestApi::class)
class DevicePickerSpec : FunSpec({
    test("it offers the devices of its direction, reports the choice, and follows the list as devices come and go") {
        val backend = VirtualBackend(Pacing.Realtime, "picker-test")
        val mic = backend.addInput("Mic", 1, 48_000, VirtualSource.sine(440.0))
        backend.addOutput("Speaker", 2, 48_000)
        val list = DeviceList(backend)
        runBlocking { list.refresh() }.map { it.name } shouldContainExactly listOf("Mic", "Speaker")

        runComposeUiTest {
            var chosen by mutableStateOf<AudioDevice?>(null)
            setContent { DevicePicker(list.devices, chosen, { chosen = it }, noneLabel = "None (meter only)", label = "Input") }
            val button = onNodeWithContentDescription("Input device")
            onNodeWithText("None (meter only)").assertExists()

            button.performClick()
            withClue("an input picker offers no output-only device") { onNodeWithText("Speaker").assertDoesNotExist() }
            onNodeWithText("Mic").performClick()
            waitForIdle()
            chosen?.name shouldBe "Mic"
            onNodeWithText("Mic").assertExists()

            backend.addInput("USB Headset", 2, 48_000)
            runBlocking { list.refresh() }
            button.performClick()
            withClue("a device added to the backend appears after a refresh") { onNodeWithText("USB Headset").performClick() }
            waitForIdle()
            chosen?.name shouldBe "USB Headset"

            chosen = mic
            mic.vanish()
            runBlocking { list.refresh() }
            waitForIdle()
            withClue("the chosen device that left the list is marked, not silently replaced") { onNodeWithText("Mic (gone)").assertExists() }
        }
    }
})
