package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.FormatCheck
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.duplex
import dev.audioflow.findDevice
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.portaudio.PortAudioTesting.backend
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

private val STEREO = AudioFormat(48_000, 2)

private suspend fun expectFailure(kind: AudioErrorKind, vararg fragments: String, block: suspend () -> Unit) {
    val error = shouldThrow<AudioException> { block() }
    error.kind shouldBe kind
    fragments.forEach { error.message shouldContain it }
    StreamDiagnostics.openStreams shouldBe 0
}

/** A host-API settings type this binding does not know, for a host API the device is not on. */
private class CoreAudioChannelMap(val map: IntArray) : HostApiStreamSettings {
    override val hostApiType: HostApiType get() = HostApiType.CoreAudio
}

@EnabledIf(PortAudioInstalled::class)
class PortAudioBadInputSpec : FunSpec({
    afterEach { StreamDiagnostics.openStreams shouldBe 0 }

    test("unknown device id or name") {
        expectFailure(AudioErrorKind.DeviceNotFound, "'99'") { backend.findDevice("99") }
        expectFailure(AudioErrorKind.DeviceNotFound, "'no such device'") { backend.findDevice("no such device") }
        expectFailure(AudioErrorKind.DeviceNotFound, "index 1234") { backend.device(1234) }
    }

    test("more channels than the device has") {
        val channels = alsa("af_null").maxOutputChannels + 1
        expectFailure(AudioErrorKind.InvalidArgument, "$channels requested") {
            alsa("af_null").input(StreamConfig(AudioFormat(48_000, channels))).take(1).collect()
        }
        expectFailure(AudioErrorKind.InvalidArgument, "output channels") {
            flowOf(FloatBlock(AudioFormat(48_000, channels), FloatArray(channels * 16))).playOn(alsa("af_record"))
        }
    }

    test("absurd sample rates are refused by PortAudio with the native code") {
        for (rate in listOf(1, 700_000)) {
            val error = shouldThrow<AudioException> {
                alsa("af_null").input(StreamConfig(AudioFormat(rate, 2))).take(1).collect()
            }
            error.kind shouldBe AudioErrorKind.UnsupportedFormat
            error.nativeCode shouldBe -9997
            error.backend shouldBe "portaudio"
            error.message shouldContain "Pa_OpenStream"
            error.message shouldContain "Invalid sample rate"
            error.message shouldContain "$rate Hz"
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("duplex with an input-only device") {
        expectFailure(AudioErrorKind.InvalidArgument, "af_source", "no output channels") {
            alsa("af_source").duplex(StreamConfig(STEREO)) { it }
        }
        expectFailure(AudioErrorKind.InvalidArgument, "af_record", "no input channels") {
            alsa("af_record").duplex(StreamConfig(STEREO)) { it }
        }
    }

    test("a PortAudio flag the stream cannot use is refused with PortAudio's reason") {
        // paNeverDropInput is only valid for full-duplex streams with unspecified block sizes.
        val settings = PortAudioSettings(neverDropInput = true)
        expectFailure(AudioErrorKind.InvalidArgument, "Invalid flag", "PaError -9995") {
            alsa("af_null").input(StreamConfig(STEREO, settings = listOf(settings))).take(1).collect()
        }
    }

    test("host-API settings for another host API") {
        val settings = PortAudioSettings(input = CoreAudioChannelMap(intArrayOf(1, 0)))
        expectFailure(AudioErrorKind.InvalidArgument, "CoreAudio", "belongs to ALSA") {
            alsa("af_null").input(StreamConfig(STEREO, settings = listOf(settings))).take(1).collect()
        }
        backend.checkFormat(alsa("af_null"), null, StreamConfig(STEREO, settings = listOf(settings)))
            .shouldBeInstanceOf<FormatCheck.Unsupported>().reason shouldContain "CoreAudio"
    }

    test("an ALSA PCM name that does not exist") {
        val settings = PortAudioSettings(output = AlsaStreamSettings(deviceString = "af_missing"))
        val error = shouldThrow<AudioException> {
            flowOf(FloatBlock(STEREO, FloatArray(512))).playOn(alsa("af_null"), StreamConfig(STEREO, settings = listOf(settings)))
        }
        // PortAudio 19.6's ALSA host API answers an unopenable PCM name with paBadIODeviceCombination.
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "Pa_OpenStream"
        error.message shouldContain "'af_missing'"
        error.nativeCode shouldBe -9993
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("a refused open leaves the device usable: the next stream on it delivers its blocks") {
        val channels = alsa("af_null").maxInputChannels + 1
        expectFailure(AudioErrorKind.InvalidArgument, "$channels requested") {
            alsa("af_null").input(StreamConfig(AudioFormat(48_000, channels))).take(1).collect()
        }
        expectFailure(AudioErrorKind.UnsupportedFormat, "Invalid sample rate") {
            alsa("af_null").input(StreamConfig(AudioFormat(700_000, 2))).take(1).collect()
        }
        val blocks = alsa("af_null").input(StreamConfig(STEREO, BlockSize.Fixed(64))).take(10).toList()
        blocks.map { it.frames } shouldBe List(10) { 64 }
        blocks.map { it.frameIndex } shouldBe List(10) { it * 64L }
    }
})
