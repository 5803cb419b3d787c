package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.NativeCallPath
import dev.audioflow.spi.NativeBufferAccess
import dev.audioflow.spi.NativeCopy
import dev.audioflow.spi.jna.NativeCalls

/**
 * What one client's process thread calls into every cycle, on the client's [NativeCallPath]:
 * the libjack functions (JNA direct mapping in [JnaProcessCalls], FFM downcall handles in
 * [FfmProcessCalls]), the memory access for MIDI events and silence ([memory]) and the rings'
 * copy strategy ([ringCopy]). The processors are written once against this class.
 *
 * Realtime: every function allocates nothing, takes no lock and never blocks. [memory] serves
 * the process thread only (on JNA it is a re-pointed view).
 */
@OptIn(DelicateAudioApi::class)
internal abstract class ProcessCalls(val native: NativeCalls) {
    /** Struct fields, MIDI bytes and silence: the binding's segments on FFM, a JNA pointer view on JNA. */
    val memory: NativeBufferAccess = native.memoryAccess()

    /** How audio goes between port buffers and the rings; null on a JNA path without `Unsafe` (array fallback). */
    val ringCopy: NativeCopy? = native.ringCopy

    /** `jack_port_get_buffer`: the port's buffer for this cycle, 0 when it has none. */
    abstract fun portGetBuffer(port: Long, frames: Int): Long

    /** `jack_last_frame_time`: the frame time at the start of this cycle (a 32-bit counter). */
    abstract fun lastFrameTime(client: Long): Int

    /** `jack_midi_get_event_count`. */
    abstract fun midiGetEventCount(buffer: Long): Int

    /** `jack_midi_event_get` into the `jack_midi_event_t` at [event]; 0 on success. */
    abstract fun midiEventGet(event: Long, buffer: Long, index: Int): Int

    /** `jack_midi_clear_buffer`. */
    abstract fun midiClearBuffer(buffer: Long)

    /** `jack_midi_event_reserve`: room for [size] bytes at [time], or 0 when the buffer is full. */
    abstract fun midiEventReserve(buffer: Long, time: Int, size: Long): Long

    companion object {
        /** The calls of [native]'s path. */
        fun of(native: NativeCalls): ProcessCalls =
            if (native.path == NativeCallPath.Ffm) FfmProcessCalls(native) else JnaProcessCalls(native)
    }
}
