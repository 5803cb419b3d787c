package dev.audioflow.samples

import dev.audioflow.SampleFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File

/**
 * `--backend javasound` as real processes, on javasound-backend's test ALSA configuration: one
 * `default` device whose playback records into a raw file and whose capture reads one; no sound
 * card and nothing but the JDK involved.
 */
class JavaSoundCliSpec : FunSpec({
    val dir = tempdir().toPath()
    val root = File(System.getenv("AUDIOFLOW_TEST_ROOT") ?: error("AUDIOFLOW_TEST_ROOT is not set: run through Maven"))
    val env = mapOf(
        "ALSA_CONFIG_PATH" to File(root, "javasound-backend/src/test/alsa/asound.conf").path,
        "AUDIOFLOW_ALSA_OUT" to dir.toString(),
    )
    val recorded = File(dir.toFile(), "js_record.raw")
    File(dir.toFile(), "js_source.raw").writeBytes(SampleFormat.INT16.encode(FloatArray(48_000) { i -> if (i % 2 == 0) 0.5f else -0.5f }))
    fun run(vararg args: String) = CliProcess.run(dir, args.toList(), env)

    test("devices --backend javasound --json lists the Java Sound device with its rates") {
        val result = run("devices", "--backend", "javasound", "--json")
        result.shouldSucceed()
        val backend = Json.parseToJsonElement(result.out).jsonObject.getValue("backends").jsonArray.single().jsonObject
        val device = backend.getValue("devices").jsonArray.single().jsonObject
        device.getValue("name").jsonPrimitive.content shouldContain "[default]"
        device.getValue("supportedSampleRates").jsonArray.map { it.jsonPrimitive.int }.contains(48_000) shouldBe true
    }

    test("tone --backend javasound plays through a Java Sound line into the recording device") {
        val result = run("--backend", "javasound", "tone", "--seconds", "0.25")
        result.shouldSucceed()
        result.out shouldContain "Played 0.250 s of 440.0 Hz"
        val samples = SampleFormat.INT16.decode(recorded.readBytes())
        samples.maxOf { kotlin.math.abs(it) } shouldBeGreaterThan 0.05f
    }

    test("record --backend javasound captures the source file into a valid WAV") {
        val out = dir.resolve("js.wav")
        val result = run("--backend", "javasound", "record", out.toString(), "--seconds", "0.25")
        result.shouldSucceed()
        validWav(out).frames shouldBe 12_000L
        wavPeak(out) shouldBeGreaterThan 0.4f
    }
})
