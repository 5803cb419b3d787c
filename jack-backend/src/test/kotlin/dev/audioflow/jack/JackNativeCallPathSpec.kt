package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.StreamMonitor
import dev.audioflow.testing.ExpectedNativePath
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.take

/**
 * Which native call path JACK clients run their process callback on: the one this test run asks
 * for (the build runs every JACK spec once on each path on a JDK 22+), reported by the client, the
 * backend and each stream, chosen once when the client (or the backend) starts.
 */
@EnabledIf(JackInstalled::class)
class JackNativeCallPathSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("a client, its backend and its streams run on the native call path of this test run") {
        val expected = ExpectedNativePath.path
        println("JACK process callbacks run on $expected in this test JVM (Java ${Runtime.version().feature()})")
        JackBackend(server.name).nativeCallPath shouldBe expected
        jackClient("path", server.name) {
            nativeCallPath shouldBe expected
            val outputs = listOf(registerAudioOutput("out_1"))
            val inputs = listOf(registerAudioInput("in_1"))
            activate()
            connect(outputs[0], inputs[0])
            val monitor = StreamMonitor()
            duplex(inputs, outputs, streamConfig(1).copy(outputChannels = 1), monitor) { it.take(20) }
            monitor.info.value!!.nativeCallPath shouldBe expected
            monitor.stats.value.framesIn shouldBe 20L * bufferSize
            cycles shouldBeGreaterThan 20L
        }
    }

    test("a bad audioflow.native.path fails opening a client naming the value, and a backend's streams, not its creation") {
        ExpectedNativePath.withProperty("panama") {
            val e = shouldThrow<AudioException> { JackClient.open("badpath", server.name) }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldContain "'panama'"
            val backend = JackBackend(server.name)
            backend.nativeCallPath.shouldBeNull()
            backend.unavailableReason!! shouldContain "'panama'"
        }
    }
})
