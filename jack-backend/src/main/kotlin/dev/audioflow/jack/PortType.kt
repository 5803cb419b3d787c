package dev.audioflow.jack

import dev.audioflow.jack.internal.Jack

/**
 * The type of a JACK port: its type string as JACK reports it. [Audio] and [Midi] are the two
 * standard types; other strings (from other programs) are kept as they are.
 *
 * @property id JACK's type string, e.g. `32 bit float mono audio`.
 */
public data class PortType(public val id: String) {
    override fun toString(): String = id

    public companion object {
        /** `32 bit float mono audio`. */
        @JvmField public val Audio: PortType = PortType(Jack.AUDIO_TYPE)

        /** `8 bit raw midi`. */
        @JvmField public val Midi: PortType = PortType(Jack.MIDI_TYPE)
    }
}
