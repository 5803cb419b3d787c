package dev.audioflow.jack

import dev.audioflow.BackendSettings
import dev.audioflow.StreamConfig

/**
 * JACK stream settings, passed in [StreamConfig.settings].
 *
 * @property autoConnect connect the stream's ports to the physical ports (capture `i` to input
 *   channel `i`, output channel `i` to playback `i`) when the stream starts, like pyo's JACK
 *   auto-connect; false leaves the ports unconnected for a patchbay to wire.
 * @property clientName name of the JACK client a backend-view stream opens (JACK makes it unique).
 */
public data class JackSettings @JvmOverloads constructor(
    public val autoConnect: Boolean = true,
    public val clientName: String = "audioflow",
) : BackendSettings
