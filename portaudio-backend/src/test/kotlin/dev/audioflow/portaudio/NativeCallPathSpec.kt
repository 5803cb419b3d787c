package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.HostApiType
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.portaudio.PortAudioTesting.backend
import dev.audioflow.testing.ExpectedNativePath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.launch

/**
 * Which native call path PortAudio streams run on: the one this test run asks for (the build runs
 * every PortAudio spec once on each path on a JDK 22+), reported by the backend and each stream,
 * chosen once when the backend is created.
 */
@EnabledIf(PortAudioInstalled::class)
class NativeCallPathSpec : FunSpec({
    val format = AudioFormat(48_000, 2)
    fun blocks(n: Int) = (0 until n).map { FloatBlock(format, FloatArray(2 * 256) { 0.1f }, it * 256L) }

    test("the backend and its streams run on the native call path of this test run") {
        val expected = ExpectedNativePath.path
        println("PortAudio streams run on $expected in this test JVM (Java ${Runtime.version().feature()})")
        backend.nativeCallPath shouldBe expected
        val monitor = StreamMonitor()
        blocks(40).asFlow().playOn(alsa("af_null"), StreamConfig(format, blockSize = BlockSize.Fixed(256)), monitor)
        monitor.info.value!!.nativeCallPath shouldBe expected
        monitor.stats.value.framesOut shouldBe 40 * 256L
        monitor.stats.value.cycles shouldBeGreaterThan 0L
    }

    test("the callback thread is a daemon named after its stream on either path") {
        var callbackThreads = emptyList<Thread>()
        coroutineScope {
            val play = launch { blocks(100_000).asFlow().playOn(alsa("af_null"), StreamConfig(format, blockSize = BlockSize.Fixed(256))) }
            val deadline = System.nanoTime() + 5_000_000_000L
            while (callbackThreads.isEmpty() && System.nanoTime() < deadline) {
                callbackThreads = Thread.getAllStackTraces().keys.filter { it.name.startsWith("portaudio-callback-") }
                delay(5)
            }
            play.cancel()
        }
        callbackThreads.isEmpty() shouldBe false
        callbackThreads.all { it.isDaemon } shouldBe true
    }

    test("a bad audioflow.native.path leaves the backend usable for queries and fails a stream's open naming the value") {
        ExpectedNativePath.withProperty("panama") {
            PortAudioBackend().use { misconfigured ->
                misconfigured.nativeCallPath.shouldBeNull()
                misconfigured.devices().isEmpty() shouldBe false
                val device = misconfigured.devices().single { it.hostApiType == HostApiType.Alsa && it.name == "af_null" }
                val e = shouldThrow<AudioException> { blocks(2).asFlow().playOn(device, StreamConfig(format, blockSize = BlockSize.Fixed(256))) }
                e.kind shouldBe AudioErrorKind.InvalidArgument
                e.message shouldContain "'panama'"
            }
        }
    }
})
