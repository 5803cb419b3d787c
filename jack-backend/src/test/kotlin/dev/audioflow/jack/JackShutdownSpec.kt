package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.StreamDiagnostics
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

@EnabledIf(JackInstalled::class)
class JackShutdownSpec : FunSpec({
    test("killing jackd fails a running duplex stream with ServerShutdown within a second; a new server works after") {
        val doomed = JackServer.start { period = 256 }
        try {
            val client = JackClient.open("victim", doomed.name)
            val inputs = listOf(client.registerAudioInput("in_1"), client.registerAudioInput("in_2"))
            val outputs = listOf(client.registerAudioOutput("out_1"), client.registerAudioOutput("out_2"))
            client.activate()
            client.connect(outputs[0], inputs[0])
            client.connect(outputs[1], inputs[1])
            val shutdownEvent = CompletableDeferred<JackEvent.ServerShutdown>()
            coroutineScope {
                val watcher = async(start = CoroutineStart.UNDISPATCHED) {
                    client.events.collect { if (it is JackEvent.ServerShutdown) shutdownEvent.complete(it) }
                }
                val flowing = CompletableDeferred<Unit>()
                val stream = async {
                    runCatching { client.duplex(inputs, outputs) { input -> input.onEach { flowing.complete(Unit) } } }.exceptionOrNull()
                }
                flowing.await()
                val killedAt = System.nanoTime()
                doomed.kill()
                val error = withTimeout(5_000) { stream.await() }
                val elapsedMillis = (System.nanoTime() - killedAt) / 1_000_000
                error.shouldBeInstanceOf<AudioException>()
                error.kind shouldBe AudioErrorKind.ServerShutdown
                elapsedMillis shouldBeLessThan 1_000L
                withTimeout(5_000) { shutdownEvent.await() }
                watcher.cancel()
            }
            client.isShutDown shouldBe true
            val refused = runCatching { client.sampleRate }.exceptionOrNull()
            (refused as AudioException).kind shouldBe AudioErrorKind.ServerShutdown
            client.close()
            StreamDiagnostics.openStreams shouldBe 0
        } finally {
            doomed.close()
        }
        JackServer.start { period = 256 }.use { fresh ->
            jackClient("survivor", fresh.name) {
                val input = registerAudioInput("in")
                activate()
                connect("system:capture_1", input.name)
                input(listOf(input)).take(5).toList().size shouldBe 5
            }
        }
    }
})
