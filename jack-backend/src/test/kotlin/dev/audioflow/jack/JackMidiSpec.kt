package dev.audioflow.jack

import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.inspectors.forAll
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

@EnabledIf(JackInstalled::class)
class JackMidiSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 256 }

    fun bytes(vararg values: Int) = ByteArray(values.size) { values[it].toByte() }

    test("events written to an output MIDI port arrive on the connected input with the same bytes and offsets") {
        jackClient("midi", server.name) {
            val output = registerMidiOutput("out")
            val input = registerMidiInput("in")
            activate()
            connect(output, input)
            val sent = listOf(
                MidiEvent(0, bytes(0x90, 60, 100)),
                MidiEvent(17, bytes(0xB0, 7, 64)),
                MidiEvent(100, bytes(0x80, 60, 0)),
                MidiEvent(200, bytes(0xF0, 0x7E, 0x7F, 0x06, 0x01, 0xF7)),
                MidiEvent(255, bytes(0xE0, 0x00, 0x40)),
            )
            coroutineScope {
                val received = async(start = CoroutineStart.UNDISPATCHED) { input.events().take(sent.size * 3).toList() }
                delay(100)
                repeat(3) {
                    output.send(sent.asFlow())
                    delay(50)
                }
                val got = withTimeout(5_000) { received.await() }
                got.map { it.time to it.data.toList() } shouldBe (1..3).flatMap { sent.map { it.time to it.data.toList() } }
                got.forAll {
                    it.cycleFrame shouldBeGreaterThan 0L
                    it.frame shouldBe it.cycleFrame + it.time
                }
            }
            output.sentEvents shouldBe sent.size * 3L
            input.droppedEvents shouldBe 0L
        }
    }

    test("an event past the end of the cycle is delivered at the cycle's last frame") {
        jackClient("late", server.name) {
            val output = registerMidiOutput("out")
            val input = registerMidiInput("in")
            activate()
            connect(output, input)
            coroutineScope {
                val received = async(start = CoroutineStart.UNDISPATCHED) { input.events().take(1).toList() }
                delay(100)
                output.send(MidiEvent(10_000, bytes(0x90, 64, 1)))
                withTimeout(5_000) { received.await() }.single().time shouldBe 255
            }
        }
    }
})
