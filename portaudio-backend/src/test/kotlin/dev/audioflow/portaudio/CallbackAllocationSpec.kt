package dev.audioflow.portaudio

import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.DelicateAudioApi
import dev.audioflow.duplex
import dev.audioflow.process
import dev.audioflow.portaudio.PortAudioTesting.alsa
import dev.audioflow.testing.CallbackAllocations
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.launch

/**
 * Measures, from inside the PortAudio callback, what the realtime path allocates: a duplex
 * stream on the unpaced ALSA null device runs flat out, so its callbacks exercise capture,
 * render, ring overflow (input dropped) and underflow (output silenced) on every cycle.
 *
 * As core's `Allocations` does, it measures the steady state over several windows: a path that
 * allocates even once every few thousand callbacks allocates in every window, while the JVM may
 * allocate a few one-off bytes on the callback thread while it compiles or recompiles the path
 * (when exactly depends on the machine's load). So at least one window must allocate exactly 0
 * bytes and all of them together less than 1 KiB.
 */
private const val WARM_UP_CYCLES = 60_000L
private const val WINDOW_CYCLES = 20_000L
private const val WINDOWS = 5

@OptIn(DelicateAudioApi::class)
@EnabledIf(PortAudioInstalled::class)
class CallbackAllocationSpec : FunSpec({
    val format = AudioFormat(48_000, 2)

    suspend fun measure(config: StreamConfig): StreamMonitor {
        val monitor = StreamMonitor()
        // Warm up first (the interpreter and the JIT's tier transitions allocate a few one-off
        // bytes early on, which is not the callback's doing), then measure.
        val windows = CallbackAllocations(WARM_UP_CYCLES, WINDOW_CYCLES, WINDOWS)
        alsa("af_null").duplex(config, monitor = monitor) { input -> input.takeWhile { windows.keepGoing(monitor.stats.value.cycles) } }
        windows.assertAllocationFree()
        return monitor
    }

    test("float32 callbacks allocate nothing in steady state") {
        measure(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024))
    }

    // The processor path's copies (the processor's arrays, through the copy's prepared views on
    // the FFM path) replace the rings': the same steady state is required of them.
    suspend fun measureProcessor(config: StreamConfig) {
        val monitor = StreamMonitor()
        val windows = CallbackAllocations(WARM_UP_CYCLES, WINDOW_CYCLES, WINDOWS)
        coroutineScope {
            val stream = launch { alsa("af_null").process(config, monitor = monitor) { input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) } }
            monitor.stats.first { !windows.keepGoing(it.cycles) }
            stream.cancelAndJoin()
        }
        windows.assertAllocationFree()
    }

    test("an audio-thread processor's float32 callbacks allocate nothing in steady state") {
        measureProcessor(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024))
    }

    test("an audio-thread processor's raw int16 callbacks allocate nothing in steady state") {
        measureProcessor(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024, settings = listOf(PortAudioSettings(deviceSampleFormat = SampleFormat.INT16))))
    }

    test("float32 callbacks of a Colocated stream (reading the audio thread's CPU) allocate nothing, and the stream says it is colocated") {
        val monitor = measure(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024, settings = listOf(StreamThreadPlacement.Colocated)))
        monitor.info.value!!.description shouldEndWith StreamThreadPlacement.Colocated.description
    }

    test("float32 callbacks of a Free stream allocate nothing, and the stream names no placement") {
        val monitor = measure(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024, settings = listOf(StreamThreadPlacement.Free)))
        monitor.info.value!!.description shouldNotContain StreamThreadPlacement.Colocated.description
    }

    test("raw int16 callbacks (encode and decode on the callback thread) allocate nothing in steady state") {
        measure(StreamConfig(format, blockSize = BlockSize.Fixed(16), ringFrames = 1024, settings = listOf(PortAudioSettings(deviceSampleFormat = SampleFormat.INT16))))
    }
})
