package dev.audioflow.samples.ui

import dev.audioflow.samples.CliProcess
import dev.audioflow.samples.shouldSucceed
import dev.audioflow.testing.NativeRequirement
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.doubles.shouldBeGreaterThan as doubleShouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.awt.Rectangle
import java.nio.file.Files
import javax.imageio.ImageIO

/**
 * `./audioflow ui` as a user runs it, in a real window on a private X server: the program opens
 * the window on the virtual backend, meters the built-in test signal for three seconds, saves a
 * screenshot, closes itself and reports what it displayed and what it left behind.
 */
class UiWindowSpec : FunSpec({
    test("the window opens under Xvfb, its meters move, and closing it closes every stream and thread") {
        if (!NativeRequirement.available("Xvfb", NativeRequirement.hasExecutable("Xvfb"), "apt-get install xvfb; ./scripts/check installs it")) return@test
        val dir = tempdir().toPath()
        val png = dir.resolve("ui.png")
        val reportFile = dir.resolve("ui.json")
        Xvfb.start().use { x ->
            val result = CliProcess.run(
                dir,
                listOf("ui", "--backend", "virtual", "--seconds", "3", "--screenshot", png.toString(), "--report", reportFile.toString()),
                env = mapOf("DISPLAY" to x.display),
                timeoutSeconds = 90,
            ).shouldSucceed()
            result.err shouldContain "Window open on virtual"
            result.out shouldContain "Closed:"
        }
        val report = Json.parseToJsonElement(Files.readString(reportFile)).jsonObject
        withClue(report.toString()) {
            val displayed = report["displayed"]!!.jsonObject
            withClue("the meters moved: many readings over a range of levels") {
                displayed["meterReadings"]!!.jsonPrimitive.long shouldBeGreaterThan 10L
                val spread = displayed["highestPeakDbfs"]!!.jsonPrimitive.double - displayed["lowestPeakDbfs"]!!.jsonPrimitive.double
                spread doubleShouldBeGreaterThan 6.0
            }
            displayed["scopeTraces"]!!.jsonPrimitive.long shouldBeGreaterThan 10L
            report["input"]!!.jsonPrimitive.content shouldBe TestSignal.DEVICE_NAME
            report["status"]!!.jsonObject["framesIn"]!!.jsonPrimitive.long shouldBeGreaterThan 48_000L * 2
            report["finalState"]!!.jsonPrimitive.content shouldBe "Stopped"
            report["streamsOpened"]!!.jsonPrimitive.int shouldBe 2
            report["openStreamsAfterClose"]!!.jsonPrimitive.int shouldBe 0
            report["leftoverThreads"]!!.jsonArray.shouldBeEmpty()
            report["modelStopped"]!!.jsonPrimitive.content shouldBe "true"
            report["viewStopped"]!!.jsonPrimitive.content shouldBe "true"

            val image = ImageIO.read(png.toFile())
            image.width shouldBeGreaterThan 600
            image.height shouldBeGreaterThan 350
            val b = report["meterBounds"]!!.jsonObject
            val bounds = Rectangle(b["x"]!!.jsonPrimitive.int, b["y"]!!.jsonPrimitive.int, b["width"]!!.jsonPrimitive.int, b["height"]!!.jsonPrimitive.int)
            withClue("the screenshot shows lit meters inside $bounds") { countMeterPixels(image, bounds) shouldBeGreaterThan 500 }
        }
    }

    test("the README's Compose example opens its window under Xvfb, meters its input and closes by itself") {
        if (!NativeRequirement.available("Xvfb", NativeRequirement.hasExecutable("Xvfb"), "apt-get install xvfb; ./scripts/check installs it")) return@test
        val dir = tempdir().toPath()
        val result = Xvfb.start().use { x ->
            CliProcess.run(dir, listOf("--backend", "virtual", "example", "compose-meter", "--seconds", "2"), env = mapOf("DISPLAY" to x.display), timeoutSeconds = 90)
                .shouldSucceed()
        }
        withClue(result.toString()) {
            result.out shouldContain "final: Levels(frame="
            Regex("; (\\d+) frames metered").find(result.out)!!.groupValues[1].toLong() shouldBeGreaterThan 48_000L
        }
    }

    test("without a display, ui says so in one line and exits with 1") {
        val dir = tempdir().toPath()
        val result = CliProcess.run(dir, listOf("ui", "--backend", "virtual", "--seconds", "1"), unset = setOf("DISPLAY", "WAYLAND_DISPLAY"))
        withClue(result.toString()) {
            result.exitCode shouldBe 1
            result.err.trim().lines().last() shouldContain "audioflow: error: no display to open a window on"
        }
    }
})
