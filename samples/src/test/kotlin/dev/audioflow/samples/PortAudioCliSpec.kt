package dev.audioflow.samples

import dev.audioflow.AudioBackends
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.testing.NativeRequirement
import io.kotest.core.annotation.Condition
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.Spec
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import kotlin.reflect.KClass

/** True when libportaudio loads (a failure under CI=true, a loud skip elsewhere). */
class PortAudioPresent : Condition {
    override fun evaluate(kclass: KClass<out Spec>): Boolean {
        val backend = AudioBackends.get("portaudio")
        return NativeRequirement.available("libportaudio for ${kclass.simpleName}", backend.isAvailable, backend.unavailableReason ?: "")
    }
}

/**
 * `--backend portaudio` as real processes, on the ALSA devices of portaudio-backend's test
 * configuration: `af_null` (unpaced), `af_record` (playback into a raw file) and `af_source`
 * (capture from a raw file); no sound card involved.
 */
@EnabledIf(PortAudioPresent::class)
class PortAudioCliSpec : FunSpec({
    val dir = tempdir().toPath()
    val root = File(System.getenv("AUDIOFLOW_TEST_ROOT") ?: error("AUDIOFLOW_TEST_ROOT is not set: run through Maven"))
    val alsa = File(root, "portaudio-backend/src/test/alsa")
    val captured = File(dir.toFile(), "af_record.raw")
    val env = mapOf(
        "ALSA_CONFIG_PATH" to File(alsa, "asound.conf").path,
        "AUDIOFLOW_ALSA_DIR" to alsa.path,
        "AUDIOFLOW_ALSA_OUT" to dir.toString(),
    )
    fun run(vararg args: String) = CliProcess.run(dir, args.toList(), env)

    test("devices --backend portaudio --json lists the test ALSA devices") {
        val result = run("devices", "--backend", "portaudio", "--json")
        result.shouldSucceed()
        val portaudio = Json.parseToJsonElement(result.out).jsonObject.getValue("backends").jsonArray.single().jsonObject
        val names = portaudio.getValue("devices").jsonArray.map { it.jsonObject.getValue("name").jsonPrimitive.content }
        names shouldContainAll listOf("af_null", "af_record", "af_source")
    }

    test("devices reports the native call path, and on FFM a tone prints no JDK warning (JNA's Unsafe copies do on JDK 24+)") {
        val java = Runtime.version().feature()
        val paths = if (NativeCallPaths.foreignBinding != null) listOf("ffm", "jna") else listOf("jna")
        for (path in paths) {
            val devices = CliProcess.run(dir, listOf("devices", "--backend", "portaudio", "--json"), env, nativePath = path).shouldSucceed()
            val portaudio = Json.parseToJsonElement(devices.out).jsonObject.getValue("backends").jsonArray.single().jsonObject
            portaudio.getValue("nativeCallPath").jsonPrimitive.content shouldBe path
            val text = CliProcess.run(dir, listOf("devices", "--backend", "portaudio"), env, nativePath = path).shouldSucceed()
            text.out shouldContain "native call path: $path"
            val tone = CliProcess.run(dir, listOf("--backend", "portaudio", "--device", "af_null", "tone", "--seconds", "0.25"), env, nativePath = path)
            tone.shouldSucceed()
            if (path == "ffm") {
                tone.err shouldNotContain "WARNING"
            } else if (java >= 24) {
                // The contrast that shows the check above can fail: the JNA path keeps its Unsafe copies.
                tone.err shouldContain "sun.misc.Unsafe"
            }
        }
        println("native call paths checked through the CLI on Java $java: $paths")
    }

    test("tone plays into the recording ALSA device") {
        val result = run("--backend", "portaudio", "--device", "af_record", "tone", "--seconds", "0.25")
        result.shouldSucceed()
        result.out shouldContain "Played 0.250 s of 440.0 Hz on 'af_record'"
        captured.length() shouldBeGreaterThan 0L
    }

    test("record captures the source file's audio into a valid WAV") {
        val out = dir.resolve("pa.wav")
        val result = run("--backend", "portaudio", "--device", "af_source", "record", out.toString(), "--seconds", "0.25", "--channels", "1")
        result.shouldSucceed()
        val info = validWav(out)
        info.frames shouldBe Math.round(0.25 * info.format.sampleRate)
        wavPeak(out) shouldBeGreaterThan 0.1f
    }

    test("wire runs a duplex stream on the null device") {
        val result = run("--backend", "portaudio", "--device", "af_null", "wire", "--seconds", "0.3")
        result.shouldSucceed()
        result.out shouldContain "Wired 0.300 s"
    }

    test("the ui window meters PortAudio's capture device and closes its stream") {
        val report = runUiUnderXvfb(dir, env, 1.5, "--backend", "portaudio", "--device", "af_source", "--output", "none") ?: return@test
        val displayed = report.getValue("displayed").jsonObject
        displayed.getValue("meterReadings").jsonPrimitive.content.toLong() shouldBeGreaterThan 5L
        // The source file is a loud test signal (peaks between -6 and -2 dBFS), not silence.
        displayed.getValue("highestPeakDbfs").jsonPrimitive.content.toDouble() shouldBeGreaterThan -10.0
        report.getValue("openStreamsAfterClose").jsonPrimitive.content shouldBe "0"
        report.getValue("leftoverThreads").jsonArray.size shouldBe 0
    }
})
