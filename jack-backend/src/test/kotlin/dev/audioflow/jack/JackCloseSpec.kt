package dev.audioflow.jack

import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Closing a client never lets libjack cancel one of its threads inside the JVM (issue 19,
 * defect 2; the stress script benchmarks/stress/jack-close is the proof under load). These
 * cases check the mechanism: libjack's notification thread is found when the client opens and
 * is seen outside the JVM while idle, and a close waits for a callback still in the JVM, or
 * leaves the client open rather than cancel a thread that never leaves it.
 */
@EnabledIf(JackInstalled::class)
class JackCloseSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("libjack's notification thread is found at open and, once the client is deactivated, seen outside the JVM") {
        jackClient("close-watch", server.name) {
            val atOpen = libjackThreads.watched()
            atOpen.shouldNotBeEmpty()
            for (tid in atOpen) Files.exists(Path.of("/proc/self/task/$tid")) shouldBe true
            activate()
            coroutineScope {
                val connected = async(start = CoroutineStart.UNDISPATCHED) { events.first { it is JackEvent.PortConnected } }
                connect("system:capture_1", "system:playback_1")
                connected.await()
            }
            // Besides the threads found at open, only the process thread (it runs the buffer size
            // callback when it starts) joined them, and it is gone once the client is deactivated.
            val joined = libjackThreads.watched() - atOpen
            deactivate()
            for (tid in joined) Files.exists(Path.of("/proc/self/task/$tid")) shouldBe false
            libjackThreads.awaitOutsideJvm(2_000) shouldBe true
        }
    }

    test("close waits until a callback in flight has left the JVM, then closes the client") {
        val client = JackClient.open("close-wait", server.name)
        client.registerAudioOutput("probe")
        client.activate()
        server.lsp() shouldContain "close-wait:probe"
        val inside = CountDownLatch(1)
        val left = AtomicBoolean(false)
        // Stands for libjack's thread in a callback: inside for 300 ms, then gone.
        val callback = Thread {
            client.libjackThreads.enter(Thread.currentThread().name)
            inside.countDown()
            Thread.sleep(300)
            left.set(true)
            client.libjackThreads.exit()
        }
        callback.start()
        inside.await(5, TimeUnit.SECONDS) shouldBe true
        client.close()
        left.get() shouldBe true
        callback.join(5_000)
        server.lsp() shouldNotContain "close-wait:probe"
    }

    test("a client whose callback never leaves the JVM is left open, not closed under it") {
        val client = JackClient.open("close-stuck", server.name)
        client.registerAudioOutput("probe")
        client.activate()
        val inside = CountDownLatch(1)
        val release = CountDownLatch(1)
        val callback = Thread {
            client.libjackThreads.enter(Thread.currentThread().name)
            inside.countDown()
            release.await()
            client.libjackThreads.exit()
        }
        callback.isDaemon = true
        callback.start()
        inside.await(5, TimeUnit.SECONDS) shouldBe true
        client.close()
        // Abandoned: still registered with the server, and the JVM is alive to say so.
        server.lsp() shouldContain "close-stuck:probe"
        release.countDown()
        callback.join(5_000)
    }
})
