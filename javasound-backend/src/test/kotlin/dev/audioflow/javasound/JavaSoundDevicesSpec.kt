package dev.audioflow.javasound

import dev.audioflow.AudioBackends
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BlockSize
import dev.audioflow.DeviceEvent
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.input
import dev.audioflow.javasound.JavaSoundTesting.FORMAT
import dev.audioflow.javasound.internal.MixerSystem
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.comparables.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout
import java.util.concurrent.ConcurrentHashMap
import javax.sound.sampled.Mixer
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource

/** Java Sound's real mixers, minus those whose names are [hidden]: an unplugged device, with real lines. */
private class HidingMixers : MixerSystem {
    val hidden: MutableSet<String> = ConcurrentHashMap.newKeySet()

    override fun mixerInfos(): List<Mixer.Info> = MixerSystem.Jdk.mixerInfos().filter { it.name !in hidden }

    override fun mixer(info: Mixer.Info): Mixer = MixerSystem.Jdk.mixer(info)
}

class JavaSoundDevicesSpec : FunSpec({
    afterEach { StreamDiagnostics.openStreams shouldBe 0 }

    test("the test configuration's default pcm is one device with both sides, the rates of its lines and a Java Sound host API") {
        val device = JavaSoundTesting.device
        val backend = JavaSoundTesting.backend
        backend.devices().map { it.name } shouldBe listOf(device.name)
        device.name shouldContain "[default]"
        device.isDefaultInput shouldBe true
        device.isDefaultOutput shouldBe true
        device.hostApi shouldBe "Java Sound (ALSA)"
        device.vendor shouldStartWith "ALSA"
        device.defaultSampleRate shouldBe 48_000
        device.supportedSampleRates shouldContainAll listOf(8_000, 44_100, 48_000, 96_000, 192_000)
        backend.hostApis().single().type shouldBe HostApiType.JavaSound
        backend.hostApis().single().defaultOutputDeviceId shouldBe device.id
    }

    test("with no PortAudio on the class path the default backend is Java Sound, saying why") {
        val choice = AudioBackends.defaultChoice()
        choice.backend.name shouldBe "javasound"
        choice.reason shouldBe "javasound has the default output device '${JavaSoundTesting.device.name}'"
        AudioBackends.names() shouldBe listOf("javasound", "virtual")
    }

    test("a removed mixer fails a running stream with StreamInvalidated naming it within a second, and is reported removed") {
        val mixers = HidingMixers()
        JavaSoundTesting.writeSource(48_000)
        val backend = JavaSoundBackend(mixers)
        val device = backend.defaultInputDevice()
        val removed = kotlinx.coroutines.CompletableDeferred<DeviceEvent>()
        val registration = backend.addDeviceListener { if (it is DeviceEvent.Removed) removed.complete(it) }
        var blocks = 0
        var removedAt = TimeSource.Monotonic.markNow()
        val error = shouldThrow<AudioException> {
            withTimeout(20.seconds) {
                // A small ring: the stream delivers what it has captured before it fails, and the
                // unpaced test device keeps a large one full.
                device.input(StreamConfig(FORMAT, BlockSize.Fixed(256), ringFrames = 2048)).collect {
                    if (++blocks == 10) {
                        removedAt = TimeSource.Monotonic.markNow()
                        mixers.hidden += device.name
                    }
                }
            }
        }
        removedAt.elapsedNow() shouldBeLessThan 1.seconds
        error.kind shouldBe AudioErrorKind.StreamInvalidated
        error.message shouldContain "'${device.name}'"
        backend.devices() shouldBe emptyList()
        withTimeout(5.seconds) { removed.await() }.shouldBeInstanceOf<DeviceEvent.Removed>().device.name shouldBe device.name
        registration.close()
        val reopen = shouldThrow<AudioException> { device.input(StreamConfig(FORMAT)).first() }
        reopen.kind shouldBe AudioErrorKind.DeviceNotFound
        reopen.message shouldContain "no longer listed"
    }

    test("deviceList follows the mixers while it is watched") {
        val mixers = HidingMixers()
        val backend = JavaSoundBackend(mixers)
        val name = backend.devices().single().name
        backend.deviceList.value.map { it.name } shouldContain name
        mixers.hidden += name
        withTimeout(5.seconds) { backend.deviceList.first { it.isEmpty() } }
        mixers.hidden -= name
        withTimeout(5.seconds) { backend.deviceList.first { list -> list.any { it.name == name } } }
    }
})
