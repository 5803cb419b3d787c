package dev.audioflow.compose

import androidx.compose.foundation.layout.height
import androidx.compose.ui.Modifier
import androidx.compose.ui.input.key.Key
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performKeyInput
import androidx.compose.ui.test.performSemanticsAction
import androidx.compose.ui.test.performTouchInput
import androidx.compose.ui.test.pressKey
import androidx.compose.ui.test.requestFocus
import androidx.compose.ui.test.runComposeUiTest
import androidx.compose.ui.test.swipeDown
import androidx.compose.ui.test.swipeUp
import androidx.compose.ui.unit.dp
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.gain
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration

/** FaderScale's mapping, and GainFader driving the MutableStateFlow the gain operator reads. */
@OptIn(ExperimentalTestApi::class)
class FaderSpec : FunSpec({
    val scale = FaderScale()

    /** One block of ones through the real gain operator reading [gain]: its first sample is the gain applied. */
    fun appliedGain(gain: MutableStateFlow<Float>): Float = runBlocking {
        flowOf(FloatBlock(AudioFormat(48_000, 1), FloatArray(64) { 1f })).gain(gain, ramp = Duration.ZERO).first().samples[0]
    }

    test("positions run linearly in dB from -48 to +12 dB, the bottom mutes, and positions round-trip") {
        scale.linearAt(48f / 60f) shouldBe (1f).plusOrMinus(1e-5f)
        scale.linearAt(1f) shouldBe (3.981f).plusOrMinus(0.001f)
        scale.linearAt(0f) shouldBe 0f
        scale.linearAt(Float.NaN) shouldBe 0f
        scale.positionOf(0f) shouldBe 0f
        scale.positionOf(0.5f) shouldBe ((48f - 6.0206f) / 60f).plusOrMinus(1e-4f)
        scale.positionOf(100f) shouldBe 1f
        for (p in listOf(0.1f, 0.37f, 0.5f, 0.99f)) scale.positionOf(scale.linearAt(p)) shouldBe p.plusOrMinus(1e-5f)
        scale.text(0.5f) shouldBe "-6.0 dB"
        scale.text(2f) shouldBe "+6.0 dB"
        scale.text(0f) shouldBe "mute"
        shouldThrow<AudioException> { FaderScale(minDb = 6f, maxDb = 0f) }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "6.0..0.0"
        }
    }

    test("the fader writes the gain the operator applies: by accessibility action, arrow keys and drags, and follows outside changes") {
        runComposeUiTest {
            val gain = MutableStateFlow(1f)
            setContent { GainFader(gain, Modifier.height(320.dp).testTag("fader")) }
            val fader = onNodeWithContentDescription("Gain")
            fader.stateDescription() shouldBe "+0.0 dB"

            fader.performSemanticsAction(SemanticsActions.SetProgress) { it(scale.positionOf(0.5f)) }
            waitForIdle()
            gain.value shouldBe (0.5f).plusOrMinus(1e-4f)
            appliedGain(gain) shouldBe (0.5f).plusOrMinus(1e-4f)
            fader.stateDescription() shouldBe "-6.0 dB"
            onNodeWithText("-6.0 dB").assertExists()

            fader.requestFocus()
            fader.performKeyInput { pressKey(Key.DirectionUp) }
            waitForIdle()
            withClue("an arrow key moves half a dB") { fader.stateDescription() shouldBe "-5.5 dB" }

            fader.performTouchInput { swipeUp() }
            waitForIdle()
            withClue("a drag to the top reaches +12 dB") { gain.value shouldBe scale.maxLinear.plusOrMinus(1e-3f) }
            fader.performTouchInput { swipeDown() }
            waitForIdle()
            withClue("a drag to the bottom mutes") {
                gain.value shouldBe 0f
                appliedGain(gain) shouldBe 0f
            }
            fader.stateDescription() shouldBe "mute"

            gain.value = 2f
            waitForIdle()
            withClue("the fader follows a gain set elsewhere") { fader.stateDescription() shouldBe "+6.0 dB" }
        }
    }
})
