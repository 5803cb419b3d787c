package dev.audioflow.spi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

class WakeupSpec : FunSpec({
    test("signalling wakes each side only once the other side signalled; signals sent while nobody waits count once") {
        runTest {
            val wakeup = Wakeup.signalling()
            wakeup.signalApp()
            wakeup.signalApp()
            var appWakes = 0
            val app = launch { repeat(2) { wakeup.awaitApp(); appWakes++ } }
            runCurrent()
            appWakes shouldBe 1
            wakeup.signalApp()
            runCurrent()
            appWakes shouldBe 2
            app.join()
            var driverWakes = 0
            launch { wakeup.awaitDriver(); driverWakes++ }
            runCurrent()
            driverWakes shouldBe 0
            wakeup.signalDriver()
            runCurrent()
            driverWakes shouldBe 1
        }
    }

    test("before a native driver has run, the app side waits one poll period, suspending when it is long") {
        runTest {
            val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 1024, sampleRate = 48_000)
            val wakeup = Wakeup.polling(3_000_000, endpoint)
            wakeup.awaitApp()
            currentTime shouldBe 3L
            wakeup.awaitApp()
            currentTime shouldBe 6L
            wakeup.awaitDriver()
            currentTime shouldBe 6L
        }
    }

    test("waits shorter than MIN_DELAY_NANOS park the thread instead of suspending, so virtual time stands still") {
        runTest {
            val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 1024, sampleRate = 48_000)
            val wakeup = Wakeup.polling(Wakeup.MIN_DELAY_NANOS / 4, endpoint)
            repeat(4) { wakeup.awaitApp() }
            currentTime shouldBe 0L
        }
    }

    test("a driver that stalls is looked at again after at most eight poll periods") {
        val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 1024, sampleRate = 48_000)
        val input = FloatArray(64)
        repeat(3) {
            endpoint.process(input, null, 64, 0, 0)
            Thread.sleep(5)
        }
        Thread.sleep(100)
        runTest {
            val wakeup = Wakeup.polling(3_000_000, endpoint)
            wakeup.awaitApp()
            currentTime shouldBeLessThanOrEqual 24L
        }
    }

    test("the poll period is a quarter block, within 0.2 to 5 ms") {
        Wakeup.pollPeriodFor(4_000_000) shouldBe 1_000_000L
        Wakeup.pollPeriodFor(100_000) shouldBe 200_000L
        Wakeup.pollPeriodFor(100_000_000) shouldBe 5_000_000L
    }
})
