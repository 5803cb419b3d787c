package dev.audioflow.testing

import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.maps.shouldNotContainKey
import io.kotest.matchers.shouldBe
import java.util.concurrent.TimeUnit

@EnabledIf(JackInstalled::class)
class JackRegistrySpec : FunSpec({
    test("a SIGKILLed server's registry slot stays taken until reclaimDeadSlots frees it, and a live server's slot is kept") {
        JackServer.start().use { live ->
            val victim = JackServer.start()
            val process = ProcessHandle.of(victim.pid).orElseThrow()
            JackRegistry.slots() shouldContainKey victim.pid
            process.destroyForcibly()
            process.onExit().get(5, TimeUnit.SECONDS)
            JackRegistry.slots() shouldContainKey victim.pid

            JackRegistry.locked { JackRegistry.reclaimDeadSlots() }.map { it.substringAfter(':').trimEnd(':') } shouldContain victim.name
            JackRegistry.slots() shouldNotContainKey victim.pid
            JackRegistry.slots() shouldContainKey live.pid
            live.lsp().lines() shouldContain "system:capture_1"
            victim.close()
        }
    }

    test("eight crashed servers do not keep a ninth from starting") {
        repeat(8) {
            val server = JackServer.start { period = 1024 }
            val process = ProcessHandle.of(server.pid).orElseThrow()
            process.destroyForcibly()
            process.onExit().get(5, TimeUnit.SECONDS)
        }
        JackServer.start().use { it.isAlive shouldBe true }
    }
})
