package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.jna.NativeCalls

/** [ProcessCalls] on the JNA path: libjack's direct-mapped functions ([Jack]), as before the FFM path existed. */
@OptIn(DelicateAudioApi::class)
internal class JnaProcessCalls(native: NativeCalls) : ProcessCalls(native) {
    override fun portGetBuffer(port: Long, frames: Int): Long = Jack.jack_port_get_buffer(port, frames)

    override fun lastFrameTime(client: Long): Int = Jack.jack_last_frame_time(client)

    override fun midiGetEventCount(buffer: Long): Int = Jack.jack_midi_get_event_count(buffer)

    override fun midiEventGet(event: Long, buffer: Long, index: Int): Int = Jack.jack_midi_event_get(event, buffer, index)

    override fun midiClearBuffer(buffer: Long) = Jack.jack_midi_clear_buffer(buffer)

    override fun midiEventReserve(buffer: Long, time: Int, size: Long): Long = Jack.jack_midi_event_reserve(buffer, time, size)
}
