package dev.audioflow.jack

import dev.audioflow.AudioException
import dev.audioflow.jack.internal.MAX_MIDI_EVENT_BYTES
import dev.audioflow.jack.internal.MidiOutputProcessor
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow

/**
 * A MIDI output port of this client: events sent here are written to the port on the next
 * process cycle at their [MidiEvent.time] offsets, through a preallocated ring.
 */
public class MidiOutputPort internal constructor(client: JackClient, handle: Long, internal val processor: MidiOutputProcessor) :
    OwnPort(client, handle) {

    /** Events written to the port so far. */
    public val sentEvents: Long get() = processor.written

    /**
     * Queues [event] for the next cycle without waiting; false when the ring is full.
     * Thread-safe.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the event is larger than 4096 bytes.
     */
    public fun trySend(event: MidiEvent): Boolean {
        AudioException.require(event.data.size <= MAX_MIDI_EVENT_BYTES) {
            "MIDI event of ${event.data.size} bytes exceeds the $MAX_MIDI_EVENT_BYTES-byte limit of port '$name'"
        }
        live()
        return synchronized(processor) { processor.ring.offer(0, event.time, event.data, event.data.size) }
    }

    /** Queues [event], suspending while the ring is full. */
    @JvmSynthetic
    public suspend fun send(event: MidiEvent) {
        while (!trySend(event)) {
            client.checkNotShutDown()
            delay(1)
        }
    }

    /** The MIDI sink: sends every event of [events] in order, suspending until the Flow completes. */
    @JvmSynthetic
    public suspend fun send(events: Flow<MidiEvent>) {
        events.collect { send(it) }
    }
}
