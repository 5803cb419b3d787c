package dev.audioflow.samples

import dev.audioflow.StreamThreadPlacement
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** The JACK commands and `--backend jack`, as real processes against a private `jackd -d dummy`. */
@EnabledIf(JackInstalled::class)
class JackCliSpec : FunSpec({
    val server = install(JackServerExtension())
    val dir = tempdir().toPath()
    val env = mapOf("JACK_DEFAULT_SERVER" to server.name, "JACK_NO_START_SERVER" to "1")
    fun run(vararg args: String) = CliProcess.run(dir, args.toList(), env)

    test("jack ports lists the server's physical ports with their type and direction") {
        val result = run("jack", "ports")
        result.shouldSucceed()
        result.out shouldContain "system:capture_1  [32 bit float mono audio] output,physical,terminal"
        result.out shouldContain "system:playback_2  [32 bit float mono audio] input,physical,terminal"
    }

    test("jack connect and disconnect patch other clients' ports") {
        run("jack", "connect", "system:capture_1", "system:playback_1").shouldSucceed()
        server.lsp("-c") shouldContain "system:capture_1\n   system:playback_1"
        val listed = run("jack", "ports", "--connections", "capture_1")
        listed.out shouldContain "-> system:playback_1"
        run("jack", "disconnect", "system:playback_1", "system:capture_1").shouldSucceed()
        server.lsp("-c") shouldNotContain "system:capture_1\n   system:playback_1"
    }

    test("connecting a port that does not exist is a one-line runtime error naming it") {
        val result = run("jack", "connect", "system:capture_1", "nosuch:port")
        result.exitCode shouldBe 1
        result.err shouldContain "audioflow: error: no JACK port named 'nosuch:port'"
    }

    test("jack watch prints connections made by another program as they happen") {
        val watcher = CliProcess.start(dir, listOf("jack", "watch", "--seconds", "4"), env)
        watcher.awaitOutput { _, err -> err.contains("Watching JACK server") }
        server.tool("jack_connect", "system:capture_2", "system:playback_2")
        server.tool("jack_disconnect", "system:capture_2", "system:playback_2")
        val result = watcher.await(30)
        result.shouldSucceed()
        result.out shouldContain "connected          system:capture_2 -> system:playback_2"
        result.out shouldContain "disconnected       system:capture_2 -/- system:playback_2"
    }

    test("devices --backend jack --json describes the server as one device") {
        val result = run("devices", "--backend", "jack", "--json")
        result.shouldSucceed()
        val jack = Json.parseToJsonElement(result.out).jsonObject.getValue("backends").jsonArray.single().jsonObject
        jack.getValue("available").jsonPrimitive.boolean shouldBe true
        val device = jack.getValue("devices").jsonArray.single().jsonObject
        device.getValue("maxInputChannels").jsonPrimitive.int shouldBe 2
        device.getValue("maxOutputChannels").jsonPrimitive.int shouldBe 2
        device.getValue("defaultSampleRate").jsonPrimitive.int shouldBe 48_000
    }

    test("record and tone run on the JACK backend") {
        val out = dir.resolve("jack.wav")
        val recorded = run("--backend", "jack", "record", out.toString(), "--seconds", "0.5")
        recorded.shouldSucceed()
        validWav(out).frames shouldBe 24_000
        val tone = run("--backend", "jack", "tone", "--seconds", "0.3")
        tone.shouldSucceed()
        tone.out shouldContain "Played 0.300 s of 440.0 Hz"
    }

    test("record --fail-when-silent ends with one error line once the input has been silent that long, keeping what arrived") {
        // The dummy driver's capture ports carry exact zeros.
        val out = dir.resolve("silent.wav")
        val silent = run("--backend", "jack", "record", out.toString(), "--seconds", "10", "--fail-when-silent", "0.3")
        silent.exitCode shouldBe 1
        silent.err shouldContain "no signal for 300ms: "
        silent.err shouldContain "from frame 0 at or below amplitude 0.0"
        silent.out shouldContain "Kept "
        // 0.3 s is 14,400 frames: the file holds every block up to the one that completed them.
        validWav(out).frames shouldBeInRange 14_400L..(14_400L + 4_096)
        val sounding = run("--backend", "virtual", "record", dir.resolve("sine.wav").toString(), "--seconds", "0.5", "--fail-when-silent", "0.1")
        sounding.shouldSucceed()
        validWav(dir.resolve("sine.wav")).frames shouldBe 24_000L
    }

    test("wire runs a duplex stream through the JACK server") {
        val result = run("--backend", "jack", "wire", "--seconds", "0.5")
        result.shouldSucceed()
        result.out shouldContain "Wired 0.500 s: xruns"
    }

    test("wire places the stream thread on the audio thread's CPU while light by default, always with --stream-thread colocated, nowhere with free") {
        val colocated = ", stream thread on the audio thread's CPU"
        for ((option, note) in listOf(
            emptyList<String>() to "$colocated while its Flow is light",
            listOf("--stream-thread", "colocated") to colocated,
            listOf("--stream-thread", "free") to "",
        )) {
            val result = run(*(listOf("--backend", "jack", "wire", "--seconds", "0.5") + option).toTypedArray())
            result.shouldSucceed()
            result.out shouldContain "Wired 0.500 s: xruns"
            // The one placement note the banner carries (a colocated run's must not be while-light's).
            withClue("wire $option") { StreamThreadPlacement.noteIn(result.out + result.err) shouldBe note }
        }
        val bad = run("--backend", "jack", "wire", "--seconds", "0.5", "--stream-thread", "pinned")
        bad.exitCode shouldBe USAGE_EXIT
        bad.err shouldContain "pinned"
    }

    test("the patchbay watcher scenario lists the graph and reports connections") {
        val watcher = CliProcess.start(dir, listOf("example", "jack-patchbay", "--seconds", "3"), env)
        watcher.awaitOutput { out, _ -> out.contains("system:playback_2") }
        server.tool("jack_connect", "system:capture_1", "system:playback_2")
        val result = watcher.await(30)
        result.shouldSucceed()
        result.out shouldContain "connected    system:capture_1 -> system:playback_2"
        result.out shouldContain "1 connection(s) at the end"
        server.tool("jack_disconnect", "system:capture_1", "system:playback_2")
    }

    test("the ui window meters the JACK server's capture ports and closes its client") {
        val report = runUiUnderXvfb(dir, env, 2.0, "--backend", "jack", "--output", "none") ?: return@test
        val displayed = report.getValue("displayed").jsonObject
        displayed.getValue("meterReadings").jsonPrimitive.int shouldBeGreaterThan 5
        report.getValue("status").jsonObject.getValue("framesIn").jsonPrimitive.int shouldBeGreaterThan 48_000
        report.getValue("openStreamsAfterClose").jsonPrimitive.int shouldBe 0
        report.getValue("leftoverThreads").jsonArray.size shouldBe 0
        server.lsp() shouldNotContain "audioflow"
    }

    test("jack load, clients and unload manage internal clients; the init string may hold options") {
        val loaded = run("jack", "load", "--as", "netmgr", "netmanager", "-a", "239.201.2.3", "-p", "19321")
        loaded.shouldSucceed()
        loaded.out shouldContain "loaded netmgr (netmanager) with '-a 239.201.2.3 -p 19321'"
        val clients = run("jack", "clients", "netmgr", "nosuch")
        clients.shouldSucceed()
        clients.out shouldContain "system\n"
        clients.out shouldContain "netmgr  [internal]"
        clients.out shouldContain "nosuch  [not running]"
        run("jack", "unload", "netmgr").shouldSucceed()
        val again = run("jack", "unload", "netmgr")
        again.exitCode shouldBe 1
        again.err shouldContain "no internal client called 'netmgr'"
        val missing = run("jack", "load", "audioflow_no_such_object")
        missing.exitCode shouldBe 1
        missing.err shouldContain "audioflow_no_such_object"
    }
})
