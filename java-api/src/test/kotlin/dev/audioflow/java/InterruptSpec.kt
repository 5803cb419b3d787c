package dev.audioflow.java

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamState
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.flow
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit

/**
 * Interrupting the Java facade's blocking calls: they throw [InterruptedException] promptly and
 * leave nothing open; `close()` is not interruptible but keeps the interrupt for the caller.
 * (`InterruptDeclarations.java` proves at compile time that Java may catch it.)
 */
class InterruptSpec : FunSpec({
    val format = AudioFormat(48_000, 2)
    val config = StreamConfig(format, BlockSize.Fixed(256))
    val backend = VirtualBackend(Pacing.Unpaced)
    // Opens like any device, then never delivers a frame: a read from it blocks until interrupted.
    val mute = backend.addInput("mute", 2, 48_000, VirtualSource.flow(flow { awaitCancellation() }))
    val endless = VirtualBackend(Pacing.Realtime).addOutput("realtime-speaker", 2, 48_000)

    /** Runs [body] on a new thread, interrupts it once it is parked, returns what it threw and how long that took. */
    fun interrupted(body: () -> Unit): Pair<Throwable?, Long> {
        var thrown: Throwable? = null
        val thread = Thread {
            try {
                body()
            } catch (e: Throwable) {
                thrown = e
            }
        }
        thread.start()
        val deadline = System.nanoTime() + 5_000_000_000L
        while (thread.state != Thread.State.WAITING && thread.state != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) Thread.sleep(5)
        Thread.sleep(50) // parked for good, not in a short wait on the way in
        val start = System.nanoTime()
        thread.interrupt()
        thread.join(5_000)
        thread.isAlive.shouldBeFalse()
        return thrown to (System.nanoTime() - start) / 1_000_000
    }

    fun awaitNoOpenStream(before: Int) {
        val deadline = System.nanoTime() + 5_000_000_000L
        while (StreamDiagnostics.openStreams > before && System.nanoTime() < deadline) Thread.sleep(10)
        StreamDiagnostics.openStreams shouldBe before
    }

    test("a thread blocked in AudioInput.read gets InterruptedException promptly, and try-with-resources closes the stream") {
        val before = StreamDiagnostics.openStreams
        lateinit var input: AudioInput
        val (thrown, millis) = interrupted {
            Audio.openInput(mute, config).use {
                input = it
                it.read()
            }
        }
        thrown.shouldBeInstanceOf<InterruptedException>()
        millis shouldBeLessThan 1_000
        input.isActive.shouldBeFalse()
        input.stats().state shouldBe StreamState.Closed
        awaitNoOpenStream(before)
    }

    test("read(float[]) and poll are interruptible too; the stream keeps running until closed") {
        Audio.openInput(mute, config).use { input ->
            interrupted { input.read(FloatArray(512)) }.first.shouldBeInstanceOf<InterruptedException>()
            interrupted { input.poll(1, TimeUnit.MINUTES) }.first.shouldBeInstanceOf<InterruptedException>()
            input.isActive.shouldBeTrue()
        }
    }

    test("Audio.record interrupted throws InterruptedException with the device already closed") {
        val before = StreamDiagnostics.openStreams
        val (thrown, millis) = interrupted { Audio.record(48_000, format, mute) }
        thrown.shouldBeInstanceOf<InterruptedException>()
        millis shouldBeLessThan 1_000
        StreamDiagnostics.openStreams shouldBe before
    }

    test("awaitCompletion is interruptible; the stream keeps running") {
        Audio.openInput(mute, config) { }.use { stream ->
            interrupted { stream.awaitCompletion() }.first.shouldBeInstanceOf<InterruptedException>()
            interrupted { stream.awaitCompletion(1, TimeUnit.MINUTES) }.first.shouldBeInstanceOf<InterruptedException>()
            stream.isActive.shouldBeTrue()
        }
    }

    test("AudioInput.close with the interrupt flag set still closes the stream and keeps the flag") {
        val input = Audio.openInput(mute, config)
        val deadline = System.nanoTime() + 5_000_000_000L
        while (input.stats().state != StreamState.Running && System.nanoTime() < deadline) Thread.sleep(5)
        input.stats().state shouldBe StreamState.Running
        Thread.currentThread().interrupt()
        input.close()
        Thread.interrupted().shouldBeTrue()
        input.isActive.shouldBeFalse()
        input.stats().state shouldBe StreamState.Closed
    }

    test("a thread interrupted while AudioOutput.close plays out stops playback, closes the device and keeps the flag") {
        val before = StreamDiagnostics.openStreams
        val output = Audio.openOutput(endless, config)
        repeat(8) { output.write(FloatArray(format.channels * 48_000)) } // 8 s at the device's pace
        var flagAfterClose: Boolean? = null
        val (thrown, millis) = interrupted {
            output.close()
            flagAfterClose = Thread.currentThread().isInterrupted
        }
        thrown shouldBe null
        millis shouldBeLessThan 2_000
        flagAfterClose.shouldNotBeNull().shouldBeTrue()
        output.isActive.shouldBeFalse()
        StreamDiagnostics.openStreams shouldBe before
    }

    test("Registration.close with the interrupt flag set removes the listener and keeps the flag") {
        val feed = Feed<String>()
        val values = CountDownLatch(1)
        val registration = feed.listen(Executor(Runnable::run)) { values.countDown() }
        feed.publish("first")
        values.await(5, TimeUnit.SECONDS).shouldBeTrue()
        Thread.currentThread().interrupt()
        registration.close()
        Thread.interrupted().shouldBeTrue()
    }
})
