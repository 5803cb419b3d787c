package dev.audioflow.portaudio

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.testing.JackServer
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.doubles.shouldBeNaN
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

/**
 * PortAudio's JACK host API against a private `jackd -d dummy`: the backend names the server
 * through [PortAudioOptions.jackServerName] (JACK_DEFAULT_SERVER, applied before Pa_Initialize).
 *
 * The server must outlive PortAudio's JACK client: Debian's PortAudio asserts that
 * `jack_client_close` succeeds in `Pa_Terminate` and aborts the process when the server is
 * already gone. So the spec re-initialises PortAudio away from the server before stopping it.
 */
@EnabledIf(PortAudioAndJackInstalled::class)
class JackHostApiSpec : FunSpec({
    lateinit var server: JackServer
    lateinit var backend: PortAudioBackend
    val format = AudioFormat(48_000, 2)

    beforeSpec {
        server = JackServer.start { period = 256 }
        backend = PortAudioBackend(PortAudioOptions(jackServerName = server.name, jackClientName = "afpa"))
        backend.refresh()
    }

    afterSpec {
        backend.close()
        PortAudioTesting.backend.refresh()
        server.close()
    }

    afterEach { StreamDiagnostics.openStreams shouldBe 0 }

    fun system(): PortAudioDevice = backend.devices().single { it.hostApiType == HostApiType.Jack && it.name == "system" }

    test("the JACK host API lists the test server's system ports as a device") {
        val jack = backend.hostApis().single { it.type == HostApiType.Jack }
        jack.name shouldBe "JACK Audio Connection Kit"
        system().maxInputChannels shouldBe 2
        system().maxOutputChannels shouldBe 2
        system().defaultSampleRate shouldBe 48_000
    }

    test("an output stream plays a flow through the JACK server") {
        val monitor = StreamMonitor()
        val blocks = (0 until 48).map { FloatBlock(format, FloatArray(512) { i -> (i % 64) / 64f - 0.5f }, it * 256L) }
        var clientsSeen = ""
        blocks.asFlow().onEach { if (it.frameIndex == 24 * 256L) clientsSeen = server.lsp() }
            .playOn(system(), StreamConfig(format, blockSize = BlockSize.Fixed(256)), monitor)
        monitor.stats.value.framesOut shouldBe 48 * 256L
        monitor.info.value!!.sampleRate shouldBe 48_000.0
        monitor.info.value!!.description shouldContain "JACK"
        clientsSeen shouldContain "afpa:"
    }

    test("an input stream captures from the JACK server") {
        val blocks = system().input(StreamConfig(format, blockSize = BlockSize.Fixed(256))).take(40).toList()
        blocks.map { it.frameIndex } shouldBe List(40) { it * 256L }
        blocks.forAll {
            it.channels shouldBe 2
            it.frames shouldBe 256
        }
    }

    test("a duplex stream runs through the JACK server and closes") {
        val monitor = StreamMonitor()
        system().duplex(StreamConfig(format, blockSize = BlockSize.Fixed(256)), monitor = monitor) { it.take(40) }
        monitor.stats.value.framesIn shouldBe 40 * 256L
    }

    test("a running stream reports PortAudio's CPU load in its stats, NaN once closed") {
        val monitor = StreamMonitor()
        val loads = system().input(StreamConfig(format, blockSize = BlockSize.Fixed(256)), monitor).take(80).map { monitor.stats.value.cpuLoad }.toList()
        val measured = loads.filter { !it.isNaN() }
        measured.size shouldBeGreaterThanOrEqual loads.size / 2
        measured.forAll { it shouldBeIn 0.0..1.0 }
        monitor.stats.value.cpuLoad.shouldBeNaN()
    }
})
