package dev.audioflow.jack

import dev.audioflow.AudioBackends
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeInstanceOf

@EnabledIf(JackInstalled::class)
class JackClientSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("a client reports the server's properties and times") {
        jackClient("props", server.name) {
            name shouldBe "props"
            serverName shouldBe server.name
            sampleRate shouldBe 48_000
            bufferSize shouldBe 256
            isRealtime shouldBe false
            activate()
            isActive shouldBe true
            val start = frameTime
            Thread.sleep(100)
            frameTime shouldBeGreaterThan start
            lastFrameTime shouldBeGreaterThan 0L
            framesSinceCycleStart shouldBeGreaterThan -1
            cpuLoad shouldBeIn 0.0..1.0
            deactivate()
            isActive shouldBe false
        }
    }

    test("a taken name is made unique unless the exact name is required") {
        jackClient("twin", server.name) {
            jackClient("twin", server.name) { name shouldStartWith "twin-" }
            val busy = shouldThrow<AudioException> { JackClient.open("twin", server.name, useExactName = true) }
            busy.kind shouldBe AudioErrorKind.DeviceBusy
            busy.message shouldContain "'twin'"
        }
    }

    test("ports are registered with flags, found by pattern, type and flags, and unregistered") {
        jackClient("ports", server.name) {
            val input = registerAudioInput("in", PortFlag.Terminal)
            val output = registerAudioOutput("out")
            val midi = registerMidiInput("midi")
            input.name shouldBe "ports:in"
            input.shortName shouldBe "in"
            input.flags shouldBe setOf(PortFlag.Input, PortFlag.Terminal)
            input.type shouldBe PortType.Audio
            midi.type shouldBe PortType.Midi
            input.isMine shouldBe true
            port("system:capture_1").isMine shouldBe false
            ports("^ports:").shouldContainExactly("ports:in", "ports:out", "ports:midi")
            ports(type = PortType.Midi) shouldContain "ports:midi"
            ports(type = PortType.Midi) shouldNotContain "ports:in"
            physicalCapturePorts().shouldContainExactly("system:capture_1", "system:capture_2")
            physicalPlaybackPorts().shouldContainExactly("system:playback_1", "system:playback_2")
            port("system:capture_1").flags shouldBe setOf(PortFlag.Output, PortFlag.Physical, PortFlag.Terminal)
            port("ports:in") shouldBeSameInstanceAs input
            port("system:capture_1").shouldNotBeInstanceOf<OwnPort>()
            unregister(output)
            output.isRegistered shouldBe false
            ports("^ports:").shouldContainExactly("ports:in", "ports:midi")
        }
    }

    test("connections of other clients' ports, aliases and latency ranges are visible") {
        jackClient("patch", server.name) {
            activate()
            connect("system:capture_1", "system:playback_2")
            port("system:capture_1").connections().shouldContainExactly("system:playback_2")
            port("system:playback_2").isConnectedTo("system:capture_1") shouldBe true
            server.lsp("-c") shouldContain "system:capture_1\n   system:playback_2"
            disconnect("system:playback_2", "system:capture_1")
            port("system:capture_1").connections() shouldBe emptyList()
            server.tool("jack_alias", "system:capture_2", "left-mic")
            port("system:capture_2").aliases shouldContain "left-mic"
            port("system:capture_1").latencyRange(LatencyMode.Capture).max shouldBeGreaterThan -1
            port("system:playback_1").latencyRange(LatencyMode.Playback).max shouldBeGreaterThan 0
        }
    }

    test("bad input throws AudioException naming the ports and names") {
        jackClient("bad", server.name) {
            activate()
            val input = registerAudioInput("in")
            val missing = shouldThrow<AudioException> { connect("system:capture_1", "nobody:nothing") }
            missing.kind shouldBe AudioErrorKind.DeviceNotFound
            missing.message shouldContain "'nobody:nothing'"
            val bothMissing = shouldThrow<AudioException> { connect("ghost:out", "ghost:in") }
            bothMissing.message shouldContain "'ghost:out' and 'ghost:in'"
            shouldThrow<AudioException> { disconnect("ghost:out", "bad:in") }.message shouldContain "'ghost:out'"
            val sameDirection = shouldThrow<AudioException> { connect("system:playback_1", "bad:in") }
            sameDirection.kind shouldBe AudioErrorKind.InvalidArgument
            sameDirection.message shouldContain "'system:playback_1' and 'bad:in'"
            val duplicate = shouldThrow<AudioException> { registerAudioInput("in") }
            duplicate.kind shouldBe AudioErrorKind.InvalidArgument
            duplicate.message shouldContain "'bad:in'"
            shouldThrow<AudioException> { port("nobody:nothing") }.message shouldContain "'nobody:nothing'"
            JackClient.open("bad-other", server.name).use { other ->
                val foreign = other.registerAudioInput("in")
                shouldThrow<AudioException> { device(inputs = listOf(foreign)) }.message shouldContain "'bad-other:in'"
            }
            input.name shouldBe "bad:in"
        }
        for (name in listOf("", "a:b", "x".repeat(200))) {
            val invalid = shouldThrow<AudioException> { JackClient.open(name, server.name) }
            invalid.kind shouldBe AudioErrorKind.InvalidArgument
            invalid.message shouldContain "'$name'"
        }
    }

    test("no server running with noStartServer is BackendUnavailable") {
        val error = shouldThrow<AudioException> { JackClient.open("lonely", "audioflow-no-such-server") }
        error.kind shouldBe AudioErrorKind.BackendUnavailable
        error.message shouldContain "'audioflow-no-such-server'"
        JackBackend("audioflow-no-such-server").isAvailable shouldBe false
    }

    test("the backend view shows the server as one device with the physical ports as channels") {
        AudioBackends.names() shouldContain "jack"
        val backend = JackBackend(server.name)
        backend.isAvailable shouldBe true
        val device = backend.devices().single()
        device.id shouldBe server.name
        device.maxInputChannels shouldBe 2
        device.maxOutputChannels shouldBe 2
        device.defaultSampleRate shouldBe 48_000
        backend.defaultOutputDevice().shouldBeInstanceOf<JackServerDevice>()
        backend.hostApis().single().deviceCount shouldBeGreaterThan 0
    }

    test("clients closed right after activation, with and without ports, leave the JVM healthy") {
        repeat(40) { i ->
            jackClient("flash", server.name) {
                if (i % 2 == 0) registerAudioInput("in")
                activate()
                if (i % 3 == 0) deactivate()
            }
        }
        jackClient("after-flash", server.name) {
            activate()
            ports("^flash") shouldBe emptyList()
        }
    }

    test("a closed client refuses calls") {
        val client = JackClient.open("closing", server.name)
        client.close()
        client.close()
        shouldThrow<AudioException> { client.sampleRate }.message shouldContain "closed"
    }

    test("a server can be started for a single test") {
        JackServer.start { period = 128 }.use { own ->
            jackClient("own", own.name) { bufferSize shouldBe 128 }
        }
    }
})
