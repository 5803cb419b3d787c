package dev.audioflow.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.nio.file.Files
import java.nio.file.Paths

/** The packaged `target/audioflow.jar`, run with `java -jar` as `./audioflow` runs it. */
class ShadedJarIT : FunSpec({
    val jar = Paths.get(System.getProperty("audioflow.jar") ?: error("audioflow.jar is not set: run through Maven's failsafe"))
    val dir = tempdir().toPath()

    test("the jar exists and registers every backend (merged service files)") {
        Files.isRegularFile(jar) shouldBe true
        val result = CliProcess.run(dir, listOf("devices", "--json"), jar = jar).shouldSucceed()
        val names = Json.parseToJsonElement(result.out).jsonObject.getValue("backends").jsonArray
            .map { it.jsonObject.getValue("name").jsonPrimitive.content }
        names shouldContainAll listOf("portaudio", "jack", "virtual")
    }

    test("render from the jar writes a valid WAV of the requested duration") {
        val out = dir.resolve("render.wav")
        CliProcess.run(dir, listOf("render", "--seconds", "0.5", "--out", out.toString()), jar = jar).shouldSucceed()
        validWav(out).frames shouldBe 24_000
    }

    test("SIGINT during record with the jar leaves a valid WAV holding everything recorded") {
        interruptRecording(dir, jar)
    }
})
