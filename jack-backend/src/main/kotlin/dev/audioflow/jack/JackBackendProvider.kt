package dev.audioflow.jack

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackendProvider

/** Registers [JackBackend] for the default server with [dev.audioflow.AudioBackends] as `jack`, priority 50. */
public class JackBackendProvider : AudioBackendProvider {
    override val name: String get() = JackBackend.NAME
    override val priority: Int get() = 50
    override fun create(): AudioBackend = JackBackend()
}
