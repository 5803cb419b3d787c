package dev.audioflow.jack

/**
 * A client running inside the JACK server process (a shared object the server loads, such as
 * netjack2's `netmanager` or `netadapter`, or `inprocess`), as loaded by
 * [JackClient.loadInternalClient] or found by [JackClient.internalClient].
 *
 * A plain value: it stays valid as long as the server runs the client; unloading it twice, or
 * after the server dropped it, fails with [dev.audioflow.AudioErrorKind.DeviceNotFound].
 *
 * ```
 * val manager = client.loadInternalClient("netmanager", arguments = "-a 239.0.0.1 -p 19000")
 * println(manager.name)                // netmanager
 * client.unloadInternalClient(manager)
 * ```
 *
 * @property name the client's name on the server (its ports are `name:...`).
 * @property handle the server's `jack_intclient_t` handle for it.
 */
public data class InternalClient(public val name: String, public val handle: Long)
