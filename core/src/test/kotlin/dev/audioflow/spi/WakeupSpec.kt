package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration
import kotlin.time.Duration.Companion.microseconds
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds

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
            val wakeup = Wakeup.polling(3.milliseconds, endpoint)
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
            val wakeup = Wakeup.polling((Wakeup.MIN_DELAY_NANOS / 4).nanoseconds, endpoint)
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
            val wakeup = Wakeup.polling(3.milliseconds, endpoint)
            wakeup.awaitApp()
            currentTime shouldBeLessThanOrEqual 24L
        }
    }

    test("the poll period is a quarter block, within 0.2 to 5 ms") {
        Wakeup.pollPeriodFor(4.milliseconds) shouldBe 1.milliseconds
        Wakeup.pollPeriodFor(100.microseconds) shouldBe 200.microseconds
        Wakeup.pollPeriodFor(100.milliseconds) shouldBe 5.milliseconds
    }

    test("a polling period that is not positive is refused, naming it") {
        val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 1024, sampleRate = 48_000)
        val error = shouldThrow<AudioException> { Wakeup.polling(Duration.ZERO, endpoint) }
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "was 0s"
    }
})
