package dev.audioflow.samples

import dev.audioflow.SampleFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.floats.plusOrMinus as floatPlusOrMinus
import io.kotest.matchers.floats.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.time.Duration.Companion.seconds

/** Every command end to end in this JVM, on the virtual backend. */
class CliSpec : FunSpec({
    val dir = tempdir().toPath()

    test("devices lists the virtual devices with sounddevice-style default markers") {
        val result = cli("devices", "--backend", "virtual")
        result.shouldSucceed()
        result.out shouldContain "> 0 Virtual Input, virtual (2 in, 0 out), 48000 Hz"
        result.out shouldContain "< 1 Virtual Output, virtual (0 in, 2 out), 48000 Hz"
    }

    test("devices --json parses and describes every device") {
        val result = cli("--backend", "virtual", "devices", "--json")
        result.shouldSucceed()
        val backends = Json.parseToJsonElement(result.out).jsonObject.getValue("backends").jsonArray
        backends.size shouldBe 1
        val virtual = backends[0].jsonObject
        virtual.getValue("available").jsonPrimitive.boolean shouldBe true
        val devices = virtual.getValue("devices").jsonArray.map { it.jsonObject }
        devices.map { it.getValue("name").jsonPrimitive.content } shouldBe listOf("Virtual Input", "Virtual Output")
        devices[0].getValue("maxInputChannels").jsonPrimitive.int shouldBe 2
        devices[0].getValue("defaultInput").jsonPrimitive.boolean shouldBe true
        devices[1].getValue("defaultOutput").jsonPrimitive.boolean shouldBe true
    }

    context("bad options exit 2 with a message naming the problem") {
        withData(
            nameFn = { it.first.joinToString(" ") },
            listOf("devices", "--bogus") to "no such option --bogus",
            listOf("--backend", "nope", "devices") to "unknown backend 'nope'",
            listOf("tone", "--freq", "abc") to "abc",
            listOf("tone", "--latency", "fast") to "'fast'",
            listOf("tone", "--rate", "0") to "--rate",
            listOf("record") to "missing argument",
            listOf("record", "x.wav", "--format", "int12") to "int12",
            listOf("play", "/no/such/file.wav") to "/no/such/file.wav",
            listOf("render", "--seconds", "2") to "--out",
            listOf("frobnicate") to "frobnicate",
        ) { (args, message) ->
            val result = cli(*args.toTypedArray())
            result.exitCode shouldBe USAGE_EXIT
            result.err shouldContain message
            result.err.trim().lines().size shouldBe 1
            result.err shouldNotContain "Usage:"
        }
    }

    test("a runtime error exits 1 with one line, and --debug adds the stack trace") {
        val plain = cli("--backend", "virtual", "tone", "--device", "no-such-device", "--seconds", "0.1")
        plain.exitCode shouldBe 1
        plain.err.trim().lines().size shouldBe 1
        plain.err shouldStartWith "audioflow: error: no virtual device with id or name 'no-such-device'"
        plain.err shouldNotContain "\tat "
        val debug = cli("--backend", "virtual", "--debug", "tone", "--device", "no-such-device")
        debug.exitCode shouldBe 1
        debug.err shouldContain "\tat dev.audioflow"
    }

    test("render writes the demo graph offline and prints the realtime factor") {
        val out = dir.resolve("render.wav")
        val result = cli("render", "--seconds", "1.5", "--out", out.toString())
        result.shouldSucceed()
        result.out shouldContain "realtime factor"
        val info = validWav(out)
        info.frames shouldBe 72_000
        info.format.channels shouldBe 2
        info.sampleFormat shouldBe SampleFormat.FLOAT32
        wavPeak(out) shouldBeGreaterThan 0.05f
    }

    test("demo plays on the default (virtual) output, writes the file and reports its levels") {
        val out = dir.resolve("demo.wav")
        val result = cli("demo", "--backend", "virtual", "--seconds", "1", "--out", out.toString())
        result.shouldSucceed()
        result.out shouldContain "Wrote $out"
        result.out shouldContain "1.000 s, 48000 Hz × 2 ch, int16, peak"
        val info = validWav(out)
        info.frames shouldBe 48_000
        info.duration shouldBe 1.seconds
    }

    test("record writes exactly the requested duration in the requested format") {
        val out = dir.resolve("take.wav")
        val result = cli("record", out.toString(), "--backend", "virtual", "--seconds", "0.5", "--channels", "1", "--format", "int24")
        result.shouldSucceed()
        result.out shouldContain "Recorded 24000 frames"
        val info = validWav(out)
        info.frames shouldBe 24_000
        info.format.channels shouldBe 1
        info.sampleFormat shouldBe SampleFormat.INT24
        wavPeak(out) shouldBe (0.1f floatPlusOrMinus 0.001f)
    }

    test("play plays a WAV file to its end") {
        val file = dir.resolve("to-play.wav")
        cli("render", "--seconds", "0.4", "--out", file.toString()).shouldSucceed()
        val result = cli("--backend", "virtual", "play", file.toString())
        result.shouldSucceed()
        result.out shouldContain "Played 0.400 s of $file"
    }

    test("tone plays for the requested time") {
        val result = cli("--backend", "virtual", "tone", "--seconds", "0.3", "--freq", "1000")
        result.shouldSucceed()
        result.out shouldContain "Played 0.300 s of 1000.0 Hz on 'Virtual Output'"
    }

    test("wire passes input to output and reports its status counters") {
        val result = cli("--backend", "virtual", "wire", "--seconds", "0.5", "--gain", "0.5")
        result.shouldSucceed()
        result.out shouldContain "Wired 0.500 s: xruns 0, input overflows"
    }

    test("meter reports the virtual input's level") {
        val result = cli("--backend", "virtual", "meter", "--seconds", "0.5")
        result.shouldSucceed()
        result.out shouldContain "Metered 0.500 s from 'Virtual Input': peak -20.0 / -20.0 dBFS"
    }

    test("example runs the scenario programs") {
        val take = dir.resolve("scenario.wav")
        cli("--backend", "virtual", "example", "record-to-wav", "--seconds", "0.3", take.toString()).shouldSucceed()
        validWav(take).frames shouldBe 14_400
        cli("--backend", "virtual", "example", "play-wav", take.toString()).shouldSucceed()
        cli("--backend", "virtual", "example", "list-devices").shouldSucceed()
        cli("--backend", "virtual", "example", "duplex-wire", "--seconds", "0.3").shouldSucceed()
        cli("--backend", "virtual", "example", "ui-meter", "--seconds", "0.3").shouldSucceed()
        val unknown = cli("example", "no-such-scenario")
        unknown.exitCode shouldBe USAGE_EXIT
        unknown.err shouldContain "no-such-scenario"
    }

    test("every command has --help") {
        for (command in listOf("demo", "devices", "tone", "play", "record", "wire", "meter", "jack", "render", "example")) {
            val result = cli(command, "--help")
            result.shouldSucceed()
            result.out shouldContain "Usage: audioflow $command"
        }
    }
})
