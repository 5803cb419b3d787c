package dev.audioflow.jack

import dev.audioflow.FloatBlock
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicBoolean

@EnabledIf(JackInstalled::class)
class JackAllocationSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 16 }

    test("the process thread allocates 0 bytes over 10,000 warmed-up cycles of audio and MIDI") {
        jackClient("alloc", server.name) {
            val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
            val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
            val midiOut = registerMidiOutput("midi_out")
            val midiIn = registerMidiInput("midi_in")
            activate()
            connect(outputs[0], inputs[0])
            connect(outputs[1], inputs[1])
            connect(midiOut, midiIn)
            val config = streamConfig(2, blockFrames = 256).copy(outputChannels = 2)
            val armed = AtomicBoolean(false)
            coroutineScope {
                val midiReader = launch { midiIn.events().collect() }
                val midiWriter = launch {
                    var note = 0
                    while (isActive) {
                        midiOut.send(MidiEvent(note % 32, byteArrayOf(0x90.toByte(), (note % 128).toByte(), 100)))
                        note++
                        delay(2)
                    }
                }
                val audio = async(start = CoroutineStart.UNDISPATCHED) {
                    duplex(inputs, outputs, config) { input ->
                        input.takeWhile { !armed.get() || CallbackProbe.cycles < CYCLES || stopProbe() }
                            .onEach { if (it.frameIndex == STALL_AT_FRAME) delay(STALL_MILLIS) }
                            .map { FloatBlock(it.format, it.samples.copyOf(), it.frameIndex) }
                    }
                }
                // Warm-up runs every path of the callback once (a stall overflows the input ring and
                // underflows the output ring), so the JVM's one-time work on first execution (class
                // and call-site resolution, JIT tiering), which allocates on the calling thread, is
                // done before measuring.
                val warmUp = cycles + WARM_UP_CYCLES
                while (cycles < warmUp) delay(10)
                CallbackProbe.arm()
                armed.set(true)
                audio.await()
                CallbackProbe.disarm()
                midiWriter.cancel()
                midiReader.cancel()
            }
            CallbackProbe.cycles shouldBeGreaterThanOrEqual CYCLES
            withClue(
                "allocating cycles ${CallbackProbe.allocatingCycles} of ${CallbackProbe.cycles}; the first at cycle " +
                    "${CallbackProbe.firstAllocatingCycle} (${CallbackProbe.firstAllocationBytes} bytes)",
            ) { CallbackProbe.allocatedBytes shouldBe 0L }
            midiOut.sentEvents shouldBeGreaterThanOrEqual 100L
        }
    }
})

private const val CYCLES = 10_000L
private const val WARM_UP_CYCLES = 15_000L
private const val STALL_AT_FRAME = 256L * 20
private const val STALL_MILLIS = 400L

/** Disarms the probe while the stream still runs, so the measurement covers steady-state cycles only; always false. */
private fun stopProbe(): Boolean {
    CallbackProbe.disarm()
    return false
}
