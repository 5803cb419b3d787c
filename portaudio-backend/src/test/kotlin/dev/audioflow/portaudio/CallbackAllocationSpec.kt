package dev.audioflow.portaudio

import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.spi.CallbackProbe
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.takeWhile

/**
 * Measures, from inside the PortAudio callback, what the realtime path allocates: a duplex
 * stream on the unpaced ALSA null device runs flat out, so its callbacks exercise capture,
 * render, ring overflow (input dropped) and underflow (output silenced) on every cycle.
 */
private const val WARM_UP_CYCLES = 60_000L
private const val MEASURED_CYCLES = 20_000L

@EnabledIf(PortAudioInstalled::class)
class CallbackAllocationSpec : FunSpec({
    val format = AudioFormat(48_000, 2)

    suspend fun measure(config: StreamConfig) {
        val monitor = StreamMonitor()
        var armed = false
        alsa("af_null").duplex(config, monitor = monitor) { input ->
            input.takeWhile { _ ->
                // Warm up first: up to about 25,000 cycles the interpreter and the JIT's tier
                // transitions allocate a few one-off bytes (48 to 800, at fixed cycle counts,
                // never again), which is not the callback's doing. Then measure.
                if (!armed && monitor.stats.value.cycles > WARM_UP_CYCLES) {
                    CallbackProbe.arm()
                    armed = true
                }
                !armed || CallbackProbe.cycles < MEASURED_CYCLES
            }
        }
        CallbackProbe.disarm()
        CallbackProbe.cycles shouldBeGreaterThanOrEqual MEASURED_CYCLES
        CallbackProbe.allocatedBytes shouldBe 0L
    }

    test("float32 callbacks allocate nothing over 20,000 cycles") {
        measure(StreamConfig(format, blockFrames = 16, ringFrames = 1024))
    }

    test("raw int16 callbacks (encode and decode on the callback thread) allocate nothing over 20,000 cycles") {
        measure(StreamConfig(format, blockFrames = 16, ringFrames = 1024, settings = listOf(PortAudioSettings(deviceSampleFormat = SampleFormat.INT16))))
    }
})
