package dev.audioflow.portaudio

import dev.audioflow.AudioFormat
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.portaudio.internal.DeviceNodeWatch
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import java.nio.file.Files
import kotlin.io.path.writeText

@EnabledIf(PortAudioInstalled::class)
class DeviceChangesSpec : FunSpec({
    test("the node watch reports a change of a watched configuration file once, and keeps it pending on request") {
        val dir = Files.createTempDirectory("af-watch")
        val config = dir.resolve("asound.conf")
        config.writeText("pcm.a { type null }\n")
        DeviceNodeWatch(listOf(dir), setOf(config)).use { watch ->
            watch.watching shouldBe true
            watch.changed() shouldBe false
            dir.resolve("unrelated.txt").writeText("x")
            config.writeText("pcm.b { type null }\n")
            var seen = false
            repeat(100) { if (!seen) { seen = watch.changed(); if (!seen) delay(50) } }
            seen shouldBe true
            watch.changed() shouldBe false
            watch.keepPending()
            watch.changed() shouldBe true
        }
        dir.toFile().deleteRecursively()
    }

    test("a watch with nothing to watch (no /dev/snd, no configuration) never reports a change") {
        DeviceNodeWatch(emptyList(), emptySet()).use { watch ->
            watch.watching shouldBe false
            watch.changed() shouldBe false
        }
    }

    test("devices list the standard rates Pa_IsFormatSupported accepts, and the device list state holds the devices") {
        val device = alsa("af_null")
        device.supportedSampleRates shouldContainAll listOf(44_100, 48_000)
        AudioFormat.STANDARD_SAMPLE_RATES.containsAll(device.supportedSampleRates) shouldBe true
        PortAudioTesting.backend.deviceList.value.map { it.name } shouldContain "af_null"
    }
})
