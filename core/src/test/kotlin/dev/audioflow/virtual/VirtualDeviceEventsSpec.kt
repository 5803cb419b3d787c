package dev.audioflow.virtual

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DeviceEvent
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.input
import dev.audioflow.playOn
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.comparables.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource

class VirtualDeviceEventsSpec : FunSpec({
    val config = StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(256))

    test("devices added and removed at run time update the list and emit added, removed and default-changed events") {
        val backend = VirtualBackend(Pacing.CoroutineTime)
        val first = backend.addOutput("first")
        backend.deviceList.value.map { it.name } shouldBe listOf("first")
        coroutineScope {
            val events = async(start = CoroutineStart.UNDISPATCHED) { backend.deviceEvents.take(5).toList() }
            val second = backend.addOutput("second")
            val mic = backend.addInput("mic")
            backend.removeDevice(first)
            events.await().map {
                when (it) {
                    is DeviceEvent.Added -> "added ${it.device.id} ${it.device.name}"
                    is DeviceEvent.Removed -> "removed ${it.device.id} ${it.device.name}"
                    else -> it.toString()
                }
            } shouldContainExactly listOf(
                "added ${second.id} second",
                "added ${mic.id} mic",
                "default input none -> mic",
                "removed ${first.id} first",
                "default output first -> second",
            )
        }
        backend.deviceList.value.map { it.name } shouldBe listOf("second", "mic")
    }

    test("a Java listener receives the events on the tracker's thread until it is closed") {
        val backend = VirtualBackend(Pacing.CoroutineTime)
        val seen = LinkedBlockingQueue<DeviceEvent>()
        val registration = backend.addDeviceListener { seen.put(it) }
        val speaker = backend.addOutput("speaker")
        seen.poll(5, TimeUnit.SECONDS).shouldBeInstanceOf<DeviceEvent.Added>().device.name shouldBe "speaker"
        seen.poll(5, TimeUnit.SECONDS).shouldBeInstanceOf<DeviceEvent.DefaultOutputChanged>().current!!.name shouldBe "speaker"
        registration.close()
        registration.close()
        speaker.vanish()
        seen.poll(200, TimeUnit.MILLISECONDS) shouldBe null
    }

    test("an input stream on a device removed mid-stream fails with StreamInvalidated naming it within a second") {
        val backend = VirtualBackend(Pacing.Realtime)
        val mic = backend.addInput("usb mic", source = VirtualSource.sine(440.0))
        var blocks = 0
        var removedAt = TimeSource.Monotonic.markNow()
        val error = shouldThrow<AudioException> {
            withTimeout(10.seconds) {
                mic.input(config).collect {
                    if (++blocks == 20) {
                        removedAt = TimeSource.Monotonic.markNow()
                        backend.removeDevice(mic)
                    }
                }
            }
        }
        removedAt.elapsedNow() shouldBeLessThan 1.seconds
        error.kind shouldBe AudioErrorKind.StreamInvalidated
        error.message shouldContain "'usb mic'"
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("playback on a device removed mid-stream fails with StreamInvalidated naming it within a second") {
        val backend = VirtualBackend(Pacing.Realtime)
        val speaker = backend.addOutput("usb speaker")
        val endless = flow { while (true) emit(dev.audioflow.FloatBlock(config.format, FloatArray(512), 0)) }
        val removal = backend.deviceEvents
        val error = shouldThrow<AudioException> {
            withTimeout(10.seconds) {
                coroutineScope {
                    val gone = async(start = CoroutineStart.UNDISPATCHED) { removal.first { it is DeviceEvent.Removed } }
                    val player = async { endless.playOn(speaker, config) }
                    kotlinx.coroutines.delay(200)
                    val removedAt = TimeSource.Monotonic.markNow()
                    backend.removeDevice(speaker)
                    gone.await()
                    try {
                        player.await()
                    } finally {
                        removedAt.elapsedNow() shouldBeLessThan 1.seconds
                    }
                }
            }
        }
        error.kind shouldBe AudioErrorKind.StreamInvalidated
        error.message shouldContain "'usb speaker'"
    }

    test("removing a device of another backend is refused, naming it") {
        val one = VirtualBackend(Pacing.CoroutineTime)
        val other = VirtualBackend(Pacing.CoroutineTime).addOutput("elsewhere")
        val error = shouldThrow<AudioException> { one.removeDevice(other) }
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "'elsewhere'"
    }
})
