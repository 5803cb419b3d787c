package dev.audioflow.portaudio

import dev.audioflow.AudioBackends
import dev.audioflow.AudioFormat
import dev.audioflow.FormatCheck
import dev.audioflow.HostApiType
import dev.audioflow.Latency
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.describe
import dev.audioflow.findDevice
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.portaudio.PortAudioTesting.backend
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.comparables.shouldBeGreaterThan
import io.kotest.matchers.comparables.shouldBeLessThanOrEqualTo
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration

@EnabledIf(PortAudioInstalled::class)
class EnumerationSpec : FunSpec({
    val stereo = StreamConfig(AudioFormat(48_000, 2))

    test("the registry finds the PortAudio backend and it is available") {
        AudioBackends.names() shouldContain "portaudio"
        AudioBackends.names().first() shouldBe "portaudio"
        backend.isAvailable shouldBe true
        backend.unavailableReason shouldBe null
    }

    test("version is PortAudio 19 with its text") {
        val version = backend.version
        version.major shouldBe 19
        version.number shouldBe (version.major shl 16 or (version.minor shl 8) or version.subMinor)
        version.text shouldStartWith "PortAudio V19"
    }

    test("the ALSA host API lists exactly the devices of the test configuration") {
        val alsaApi = backend.hostApis().single { it.type == HostApiType.Alsa }
        alsaApi.name shouldBe "ALSA"
        alsaApi.deviceCount shouldBe 4
        val devices = backend.devices().filter { it.hostApiType == HostApiType.Alsa }
        devices.map { it.name } shouldContainExactly listOf("af_null", "af_record", "af_source", "default")
        devices.forAll { it.hostApi shouldBe "ALSA" }
        alsaApi.defaultOutputDeviceId shouldBe alsa("default").id
        alsaApi.defaultInputDeviceId shouldBe alsa("default").id
    }

    test("device capabilities follow the plugins: af_record plays only, af_source captures only") {
        alsa("af_record").maxInputChannels shouldBe 0
        alsa("af_record").maxOutputChannels shouldBeGreaterThan 0
        alsa("af_source").maxOutputChannels shouldBe 0
        alsa("af_source").maxInputChannels shouldBeGreaterThan 0
        val nul = alsa("af_null")
        nul.maxInputChannels shouldBeGreaterThanOrEqual 2
        nul.maxOutputChannels shouldBeGreaterThanOrEqual 2
        nul.defaultLowOutputLatency shouldBeGreaterThan Duration.ZERO
        nul.defaultLowOutputLatency shouldBeLessThanOrEqualTo nul.defaultHighOutputLatency
        nul.defaultSampleRate shouldBeGreaterThan 0
    }

    test("defaults are the ALSA default device, marked in describe()") {
        backend.defaultHostApi().name shouldBe "ALSA"
        backend.defaultOutputDevice().name shouldBe "default"
        backend.defaultInputDevice().name shouldBe "default"
        backend.defaultOutputDevice().describe() shouldStartWith "* "
        alsa("af_null").describe() shouldContain "af_null, ALSA"
    }

    test("findDevice resolves ids and names") {
        backend.findDevice(alsa("af_source").id).name shouldBe "af_source"
        backend.findDevice("af_record").name shouldBe "af_record"
        backend.device(alsa("af_null").index).name shouldBe "af_null"
    }

    test("checkFormat accepts what the devices can do") {
        backend.checkFormat(null, alsa("af_null"), stereo) shouldBe FormatCheck.Supported
        backend.checkFormat(alsa("af_source"), null, stereo) shouldBe FormatCheck.Supported
        backend.checkFormat(alsa("af_null"), alsa("af_null"), stereo.copy(latency = Latency.Low)) shouldBe FormatCheck.Supported
        for (format in listOf(SampleFormat.INT16, SampleFormat.INT24, SampleFormat.INT32, SampleFormat.INT8, SampleFormat.UINT8)) {
            val raw = stereo.copy(settings = listOf(PortAudioSettings(deviceSampleFormat = format)))
            withClue(format) { backend.checkFormat(null, alsa("af_null"), raw) shouldBe FormatCheck.Supported }
        }
    }

    test("checkFormat rejects impossible configurations with a reason") {
        val tooManyChannels = backend.checkFormat(null, alsa("af_null"), StreamConfig(AudioFormat(48_000, alsa("af_null").maxOutputChannels + 1)))
        tooManyChannels.shouldBeInstanceOf<FormatCheck.Unsupported>().reason shouldContain "output channels"

        val absurdRate = backend.checkFormat(null, alsa("af_null"), StreamConfig(AudioFormat(700_000, 2)))
        absurdRate.shouldBeInstanceOf<FormatCheck.Unsupported>().reason shouldContain "Invalid sample rate"
        absurdRate.reason shouldContain "700000 Hz"

        val outputOnSource = backend.checkFormat(null, alsa("af_source"), stereo)
        outputOnSource.shouldBeInstanceOf<FormatCheck.Unsupported>().reason shouldContain "has no output channels"

        val inputOnRecorder = backend.checkFormat(alsa("af_record"), null, stereo)
        inputOnRecorder.shouldBeInstanceOf<FormatCheck.Unsupported>().reason shouldContain "has no input channels"
    }
})
