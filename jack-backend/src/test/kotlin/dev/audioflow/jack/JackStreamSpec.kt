package dev.audioflow.jack

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamState
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.StreamDiagnostics
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.shouldBeNaN
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlin.math.PI
import kotlin.math.sin

@EnabledIf(JackInstalled::class)
class JackStreamSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 1024 }

    /** Channel 0: an impulse train with varying heights; channel 1: a sine. Never silent at frame 0. */
    fun signal(frames: Int): FloatArray = FloatArray(frames * 2) { i ->
        val frame = i / 2
        if (i % 2 == 0) {
            if (frame % 97 == 0) 0.25f + (frame % 7) * 0.1f else 0f
        } else {
            (0.5 * sin(2 * PI * 440.0 * frame / 48_000)).toFloat() + 0.001f
        }
    }

    test("a client's output connected to its own input arrives sample-exact after the computed latency") {
        jackClient("loop", server.name) {
            val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
            val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
            activate()
            connect(outputs[0], inputs[0])
            connect(outputs[1], inputs[1])
            val config = streamConfig(2, blockFrames = bufferSize).copy(outputChannels = 2)
            val block = config.nominalBlockFrames
            val signalFrames = 24 * block
            val source = signal(signalFrames)
            val latency = duplexPrefillFrames(config) + bufferSize +
                inputs.maxOf { it.latencyRange(LatencyMode.Capture).max } +
                outputs.maxOf { it.latencyRange(LatencyMode.Playback).max }
            val blocksNeeded = (signalFrames + latency) / block + 2
            val captured = ArrayList<FloatBlock>()
            val monitor = StreamMonitor()
            duplex(inputs, outputs, config, monitor) { input ->
                var index = 0
                input.take(blocksNeeded).map { received ->
                    captured += received
                    val start = index++ * block * 2
                    val samples = if (start < source.size) source.copyOfRange(start, start + block * 2) else FloatArray(block * 2)
                    FloatBlock(config.format, samples, received.frameIndex)
                }
            }
            captured.map { it.frameIndex } shouldBe (0 until blocksNeeded).map { it.toLong() * block }
            // A --no-realtime jackd on a loaded machine may report an xrun of its own; it is reported
            // with the block (that is the contract), but no frame may be lost or silenced.
            withClue("blocks whose status shows audioflow losing or inserting frames") {
                captured.filter { it.status.inputOverflow || it.status.inputUnderflow || it.status.outputUnderflow || it.status.outputOverflow || it.status.droppedFrames > 0 }
                    .map { "${it.frameIndex}: ${it.status}" } shouldBe emptyList()
            }
            val all = FloatArray(captured.sumOf { it.samples.size })
            var at = 0
            for (b in captured) {
                b.samples.copyInto(all, at)
                at += b.samples.size
            }
            withClue("the first non-zero sample before the signal's start at frame $latency") { all.copyOfRange(0, latency * 2).indexOfFirst { it != 0f } shouldBe -1 }
            all.copyOfRange(latency * 2, latency * 2 + source.size).toList() shouldBe source.toList()
            monitor.stats.value.state shouldBe StreamState.Closed
            monitor.stats.value.outputUnderflows shouldBe 0L
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("input and output streams over port sets, with the ports silent after the stream stops") {
        jackClient("sets", server.name) {
            val output = registerAudioOutput("out")
            val input = registerAudioInput("in")
            activate()
            connect(output, input)
            val config = streamConfig(1)
            coroutineScope {
                val recorded = async(start = CoroutineStart.UNDISPATCHED) { input(listOf(input), config).take(12).toList() }
                val tone = FloatArray(config.nominalBlockFrames) { 0.5f }
                play(List(6) { FloatBlock(config.format, tone) }.asFlow(), listOf(output), config)
                val blocks = recorded.await()
                blocks.sumOf { b -> b.samples.count { it == 0.5f } } shouldBe 6 * config.nominalBlockFrames
            }
            val after = input(listOf(input), config).take(3).toList()
            after.forAll { b -> b.samples.filter { it != 0f } shouldBe emptyList() }
        }
    }

    test("a stream over a ports device uses as many ports as the config has channels, on its own side only") {
        jackClient("subset", server.name) {
            val output = registerAudioOutput("out")
            val first = registerAudioInput("in_1")
            val second = registerAudioInput("in_2")
            activate()
            connect(output, first)
            val config = streamConfig(1)
            // A device with two inputs and an output: a mono input stream must read in_1 alone
            // and leave the output port to the playback running beside it.
            val both = device(inputs = listOf(first, second), outputs = listOf(output))
            coroutineScope {
                val recorded = async(start = CoroutineStart.UNDISPATCHED) { both.input(config).take(12).toList() }
                val tone = FloatArray(config.nominalBlockFrames) { 0.5f }
                play(List(6) { FloatBlock(config.format, tone) }.asFlow(), listOf(output), config)
                val blocks = recorded.await()
                blocks.forAll { it.channels shouldBe 1 }
                blocks.sumOf { b -> b.samples.count { it == 0.5f } } shouldBe 6 * config.nominalBlockFrames
            }
        }
    }

    test("the backend view connects its ports to the physical ports unless told not to") {
        val backend = JackBackend(server.name)
        val config = StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(1024))
        jackClient("spy", server.name) {
            activate()
            coroutineScope {
                val running = async(start = CoroutineStart.UNDISPATCHED) {
                    flow { while (true) emit(FloatBlock(config.format, FloatArray(2048))) }.take(40).playOn(backend.defaultOutputDevice(), config)
                }
                eventually { graph.value.connections.any { it.destination == "system:playback_2" } }
                val links = graph.value.connections.filter { it.destination.startsWith("system:playback") }
                links.map { it.source.substringAfter(':') + "->" + it.destination }.shouldContainExactly("out_1->system:playback_1", "out_2->system:playback_2")
                running.await()
            }
            val manual = config.copy(settings = listOf(JackSettings(autoConnect = false, clientName = "manual")))
            val blocks = backend.defaultInputDevice().input(manual).take(4).toList()
            blocks.size shouldBe 4
            graph.value.connections.filter { it.source.startsWith("manual") || it.destination.startsWith("manual") } shouldBe emptyList()
            eventually { graph.value.ports.none { it.clientName.startsWith("audioflow") || it.clientName.startsWith("manual") } }
        }
    }

    test("a running stream reports JACK's DSP load in its stats, NaN once closed") {
        val backend = JackBackend(server.name)
        val monitor = StreamMonitor()
        val config = StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(1024), settings = listOf(JackSettings(autoConnect = false, clientName = "load")))
        val loads = backend.defaultInputDevice().input(config, monitor).take(40).map { monitor.stats.value.cpuLoad }.toList()
        val measured = loads.filter { !it.isNaN() }
        measured.size shouldBeGreaterThanOrEqual loads.size / 2
        measured.forAll { it shouldBeIn 0.0..1.0 }
        monitor.stats.value.cpuLoad.shouldBeNaN()
    }
})
