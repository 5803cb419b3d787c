package dev.audioflow.jack

import dev.audioflow.AudioException

/**
 * One MIDI message on a JACK MIDI port.
 *
 * @property time frame offset within the process cycle (0 until the cycle's buffer size).
 * @property data the raw MIDI bytes (status byte first). The array belongs to the event; do not modify it.
 * @property cycleFrame for received events, JACK's frame time of the cycle's first frame, so
 *   `cycleFrame + time` is the event's absolute frame; ignored when sending.
 */
public class MidiEvent @JvmOverloads constructor(
    public val time: Int,
    public val data: ByteArray,
    public val cycleFrame: Long = 0,
) {
    init {
        AudioException.require(time >= 0) { "MIDI event time must be >= 0, was $time" }
        AudioException.require(data.isNotEmpty()) { "MIDI event data must not be empty" }
    }

    /** Absolute frame on JACK's frame clock: [cycleFrame] + [time]. */
    public val frame: Long get() = cycleFrame + time

    override fun equals(other: Any?): Boolean =
        other is MidiEvent && other.time == time && other.cycleFrame == cycleFrame && other.data.contentEquals(data)

    override fun hashCode(): Int = (31 * time + data.contentHashCode()) * 31 + cycleFrame.hashCode()

    override fun toString(): String =
        "MidiEvent(time=$time, data=${data.joinToString(" ") { "%02x".format(it) }}, cycleFrame=$cycleFrame)"
}
