package dev.audioflow.portaudio

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.input
import dev.audioflow.playOn
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.testing.Leaks
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.comparables.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds
import kotlin.time.measureTime

@EnabledIf(PortAudioInstalled::class)
class LifecycleSpec : FunSpec({
    val format = AudioFormat(48_000, 2)
    val config = StreamConfig(format, blockSize = BlockSize.Fixed(64))

    fun PortAudioDevice.endlessOutput() = flow {
        var index = 0L
        while (true) {
            emit(FloatBlock(format, FloatArray(64 * 2) { 0.1f }, index))
            index += 64
        }
    }

    test("200 open/start/cancel cycles leave no open stream and no extra thread") {
        // Warm up the shared pools first, so that only threads this work leaves behind count.
        alsa("af_null").input(config).take(2).collect()
        val opened = StreamDiagnostics.totalOpened
        Leaks.checkNoLeaks {
            runBlocking {
                repeat(100) {
                    alsa("af_null").input(config).take(2).collect()
                    alsa("af_null").endlessOutput().take(3).playOn(alsa("af_null"), config)
                }
            }
        }
        StreamDiagnostics.totalOpened - opened shouldBe 200
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("cancelling a collector mid-stream returns within a second and the device is reusable") {
        coroutineScope {
            val input = launch(Dispatchers.Default) { alsa("af_null").input(config).collect() }
            val output = launch(Dispatchers.Default) { alsa("af_null").endlessOutput().playOn(alsa("af_null"), config) }
            delay(300)
            StreamDiagnostics.openStreams shouldBe 2
            measureTime { input.cancelAndJoin() } shouldBeLessThan 1.seconds
            measureTime { output.cancelAndJoin() } shouldBeLessThan 1.seconds
        }
        StreamDiagnostics.openStreams shouldBe 0
        alsa("af_null").input(config).take(5).map { it.frames }.toList() shouldBe List(5) { 64 }
    }
})
