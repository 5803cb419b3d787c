package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.MAX_MIDI_EVENT_BYTES
import dev.audioflow.jack.internal.MidiInputProcessor
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * A MIDI input port of this client. [events] delivers what arrives on it, through a
 * preallocated ring filled on the process thread.
 */
public class MidiInputPort internal constructor(client: JackClient, handle: Long, internal val processor: MidiInputProcessor) :
    OwnPort(client, handle) {

    /** Records lost because the collector of [events] fell behind by more than the ring holds. */
    public val droppedEvents: Long get() = processor.ring.dropped + processor.oversized

    /**
     * The MIDI events arriving on this port while collected, each with its offset in its
     * process cycle and the cycle's first frame. One collector at a time; events that arrive
     * while nobody collects are not kept. The Flow polls the ring every [pollMillis] ms on the
     * collector's dispatcher and fails with [AudioErrorKind.ServerShutdown] if the server goes away.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] (on collection) when another collector is active.
     */
    @JvmOverloads
    public fun events(pollMillis: Long = 1): Flow<MidiEvent> = flow {
        AudioException.require(pollMillis > 0) { "pollMillis must be > 0, was $pollMillis" }
        synchronized(processor) {
            if (processor.listening) throw AudioException(AudioErrorKind.DeviceBusy, "MIDI port '$name' already has a collector", backend = JackBackend.NAME)
            processor.ring.clear()
            processor.listening = true
        }
        try {
            val buffer = ByteArray(MAX_MIDI_EVENT_BYTES)
            val ring = processor.ring
            while (true) {
                while (!ring.isEmpty()) {
                    val cycleFrame = ring.peekCycleFrame()
                    val time = ring.peekOffset()
                    val size = ring.take(buffer)
                    emit(MidiEvent(time, buffer.copyOf(size), cycleFrame))
                }
                client.checkNotShutDown()
                live()
                delay(pollMillis)
            }
        } finally {
            processor.listening = false
        }
    }
}
