package dev.audioflow.javasound.internal

import javax.sound.sampled.AudioSystem
import javax.sound.sampled.Mixer

/**
 * Where the backend reads Java Sound's mixers: [AudioSystem] itself, or, in tests, a view of it
 * that hides mixers to play an unplugged device (the lines stay real).
 */
internal interface MixerSystem {
    /** The mixers as Java Sound lists them now (its providers re-read the system's devices). */
    fun mixerInfos(): List<Mixer.Info>

    /** The mixer of [info]. */
    fun mixer(info: Mixer.Info): Mixer

    /** The JDK's Java Sound. */
    object Jdk : MixerSystem {
        override fun mixerInfos(): List<Mixer.Info> = AudioSystem.getMixerInfo().asList()

        override fun mixer(info: Mixer.Info): Mixer = AudioSystem.getMixer(info)
    }
}
