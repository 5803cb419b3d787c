package dev.audioflow.javasound

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackendProvider

/**
 * Registers [JavaSoundBackend] with [dev.audioflow.AudioBackends] as `javasound`, priority 75:
 * after PortAudio (100), before JACK (50) and the virtual backend (0), so a machine without
 * libportaudio plays through Java Sound when the JVM has a device.
 */
public class JavaSoundBackendProvider : AudioBackendProvider {
    override val name: String get() = JavaSoundBackend.NAME
    override val priority: Int get() = 75
    override fun create(): AudioBackend = JavaSoundBackend()
}
