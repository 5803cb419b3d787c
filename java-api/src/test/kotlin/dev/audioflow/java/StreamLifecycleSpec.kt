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
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** Lifecycle of the Java facade's streams: close, leaks, threads, closing from a callback. */
class StreamLifecycleSpec : FunSpec({
    val format = AudioFormat(48_000, 2)
    val config = StreamConfig(format, BlockSize.Fixed(256))
    val backend = VirtualBackend(Pacing.Realtime)
    val mic = backend.addInput("endless", 2, 48_000, VirtualSource.sine(440.0))
    val speaker = backend.addOutput("speaker", 2, 48_000)

    fun javaThreads() = Thread.getAllStackTraces().keys.filter { it.isAlive && it.name.startsWith("audioflow-java-") }.map { it.name }

    fun awaitQuiet() {
        val deadline = System.nanoTime() + 5_000_000_000L
        while ((StreamDiagnostics.openStreams > 0 || javaThreads().isNotEmpty()) && System.nanoTime() < deadline) Thread.sleep(10)
    }

    test("fifty open/read/close cycles leave no open stream and no facade thread") {
        repeat(50) {
            Audio.openInput(mic, config).use { input -> input.read().shouldNotBeNull() }
            Audio.openOutput(speaker, config).use { output -> output.write(FloatArray(512)) }
        }
        awaitQuiet()
        StreamDiagnostics.openStreams shouldBe 0
        javaThreads().shouldBeEmpty()
    }

    test("close is idempotent and ends the stream in state Closed") {
        val input = Audio.openInput(mic, config)
        input.read().shouldNotBeNull()
        input.close()
        input.close()
        input.isActive.shouldBeFalse()
        input.stats().state shouldBe StreamState.Closed
        input.read().shouldBeNull()
    }

    test("poll returns null on timeout while the stream stays active") {
        Audio.openInput(mic, config, queueBlocks = 1).use { input ->
            input.poll(0, TimeUnit.MILLISECONDS)
            input.poll(1, TimeUnit.MICROSECONDS).shouldBeNull()
            input.isActive.shouldBeTrue()
        }
    }

    test("a callback may close its own stream without deadlocking") {
        val closed = CountDownLatch(1)
        lateinit var stream: CallbackInput
        stream = Audio.openInput(mic, config) { block ->
            if (block.frameIndex >= 1024) {
                stream.close()
                closed.countDown()
            }
        }
        closed.await(5, TimeUnit.SECONDS).shouldBeTrue()
        stream.awaitCompletion(5, TimeUnit.SECONDS).shouldBeTrue()
        stream.completion().isCompletedExceptionally.shouldBeFalse()
    }

    test("writing after close is refused") {
        val output = Audio.openOutput(speaker, config)
        output.close()
        val error = runCatching { output.write(FloatArray(2)) }.exceptionOrNull()
        (error is IllegalStateException).shouldBeTrue()
    }
})
