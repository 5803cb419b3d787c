package dev.audioflow.jack.internal

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi

/** Largest MIDI event (a SysEx message) carried through the rings; longer ones are dropped and counted. */
internal const val MAX_MIDI_EVENT_BYTES: Int = 4096

/**
 * Process-thread side of a MIDI input port: while [listening], copies every event of the
 * cycle into [ring] with its offset in the cycle and the cycle's first frame. libjack and the
 * event's memory are reached through the client's [calls].
 */
@OptIn(DelicateAudioApi::class)
internal class MidiInputProcessor(private val port: Long, val ring: MidiRing, private val calls: ProcessCalls) : RtProcessor() {
    private val event = Memory(Jack.MIDI_EVENT_SIZE)
    private val eventAddress = Pointer.nativeValue(event)

    // Reads the event struct by address through the calls' memory access: Memory's
    // bounds-checked getters allocate on some compiled paths, which the process thread may not do.
    private val memory = calls.memory
    private val scratch = ByteArray(MAX_MIDI_EVENT_BYTES)

    @Volatile var listening: Boolean = false

    /** Events longer than [MAX_MIDI_EVENT_BYTES], dropped. */
    @Volatile var oversized: Long = 0
        private set

    override fun process(frames: Int, cycleFrame: Long) {
        if (!listening) return
        val buffer = calls.portGetBuffer(port, frames)
        val count = calls.midiGetEventCount(buffer)
        for (index in 0 until count) {
            if (calls.midiEventGet(eventAddress, buffer, index) != 0) continue
            val size = memory.readLong(eventAddress, Jack.MIDI_EVENT_LENGTH)
            if (size > MAX_MIDI_EVENT_BYTES) {
                oversized++
                continue
            }
            val length = size.toInt()
            memory.readBytes(memory.readLong(eventAddress, Jack.MIDI_EVENT_BUFFER), 0, scratch, 0, length)
            ring.offer(cycleFrame, memory.readInt(eventAddress, Jack.MIDI_EVENT_TIME), scratch, length)
        }
    }
}

/**
 * Process-thread side of a MIDI output port: clears the port buffer every cycle (JACK
 * requires it) and writes the queued events at their offsets. Events stay queued for the
 * next cycle when their offset is before one already written this cycle (JACK wants them in
 * time order) or when the port buffer is full; offsets past the cycle's end go to its last frame.
 */
@OptIn(DelicateAudioApi::class)
internal class MidiOutputProcessor(private val port: Long, val ring: MidiRing, private val calls: ProcessCalls) : RtProcessor() {
    private val scratch = ByteArray(MAX_MIDI_EVENT_BYTES)

    /** Events written to the port. */
    @Volatile var written: Long = 0
        private set

    override fun process(frames: Int, cycleFrame: Long) {
        val buffer = calls.portGetBuffer(port, frames)
        calls.midiClearBuffer(buffer)
        var lastOffset = 0
        while (!ring.isEmpty()) {
            val offset = minOf(ring.peekOffset(), frames - 1)
            if (offset < lastOffset) break
            val size = ring.peekSize()
            val target = calls.midiEventReserve(buffer, offset, size.toLong())
            if (target == 0L) break
            ring.take(scratch)
            calls.memory.writeBytes(target, 0, scratch, 0, size)
            lastOffset = offset
            written++
        }
    }
}
