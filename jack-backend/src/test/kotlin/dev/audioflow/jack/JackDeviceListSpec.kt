package dev.audioflow.jack

import dev.audioflow.DeviceEvent
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServer
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.seconds

@EnabledIf(JackInstalled::class)
class JackDeviceListSpec : FunSpec({
    test("the server device, with the server's one rate, leaves the watched device list when the server stops") {
        val server = JackServer.start { period = 256; sampleRate = 44_100; captureChannels = 3 }
        try {
            val backend = JackBackend(server.name)
            val device = backend.deviceList.value.single()
            device.maxInputChannels shouldBe 3
            device.supportedSampleRates shouldBe listOf(44_100)
            val events = coroutineScope {
                val events = async(start = CoroutineStart.UNDISPATCHED) { backend.deviceEvents.take(3).toList() }
                server.close()
                withTimeout(10.seconds) { events.await() }
            }
            events[0].shouldBeInstanceOf<DeviceEvent.Removed>().device.id shouldBe device.id
            events[1] shouldBe DeviceEvent.DefaultInputChanged(device, null)
            events[2] shouldBe DeviceEvent.DefaultOutputChanged(device, null)
            backend.deviceList.value shouldBe emptyList()
        } finally {
            server.close()
        }
    }
})
