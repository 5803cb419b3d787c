package dev.audioflow.jack

import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout

@EnabledIf(JackInstalled::class)
class JackTransportSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    test("start, stop and locate are observed through the transport StateFlow") {
        jackClient("transport", server.name) {
            activate()
            stopTransport()
            locate(0)
            withTimeout(5_000) { transport.first { it.status == TransportStatus.Stopped && it.frame == 0L } }
            startTransport()
            val rolling = withTimeout(5_000) { transport.first { it.isRolling && it.frame > 4_800 } }
            rolling.frameRate shouldBe 48_000
            stopTransport()
            val stopped = withTimeout(5_000) { transport.first { it.status == TransportStatus.Stopped } }
            stopped.frame shouldBeGreaterThan 0L
            locate(96_000)
            withTimeout(5_000) { transport.first { it.status == TransportStatus.Stopped && it.frame == 96_000L } }
            transportState().frame shouldBe 96_000L
            startTransport()
            withTimeout(5_000) { transport.first { it.isRolling && it.frame > 96_000L } }
            locate(480_000)
            withTimeout(5_000) { transport.first { it.isRolling && it.frame >= 480_000L } }
            stopTransport()
            withTimeout(5_000) { transport.first { it.status == TransportStatus.Stopped } }.bbt shouldBe null
        }
    }
})
