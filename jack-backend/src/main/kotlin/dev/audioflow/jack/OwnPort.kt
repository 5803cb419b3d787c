package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/**
 * A port this client registered ([JackClient.registerPort] and its audio and MIDI shorthands),
 * as opposed to a [JackPort] of any client: only own ports can be unregistered, renamed, carry
 * a stream ([JackClient.device]) or a MIDI ring, and only their buffers are read and written on
 * JACK's process thread, by the client's own realtime processors.
 *
 * Thread-safe; not for JACK callbacks. Once unregistered, every query throws
 * [AudioErrorKind.DeviceNotFound].
 *
 * ```
 * val out = client.registerAudioOutput("out_1")
 * out.rename("left")
 * client.play(tone, listOf(out))                  // tone: a mono Flow<FloatBlock>
 * out.unregister()
 * ```
 */
public open class OwnPort internal constructor(client: JackClient, handle: Long) : JackPort(client, handle) {
    @Volatile internal var unregistered: Boolean = false

    /** False once [unregister] (or [JackClient.unregister]) has removed it from the server. */
    public val isRegistered: Boolean get() = !unregistered

    /**
     * Unregisters this port; the same as [JackClient.unregister].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] while a running stream uses it.
     */
    @JvmSynthetic
    public suspend fun unregister(): Unit = client.unregister(this)

    /**
     * Renames this port to `client:newShortName`; the same as [JackClient.rename].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] for a blank name or one JACK refuses.
     */
    public fun rename(newShortName: String): Unit = client.rename(this, newShortName)

    override fun live(): Long {
        if (unregistered) throw AudioException(AudioErrorKind.DeviceNotFound, "port was unregistered from client '${client.name}'", backend = JackBackend.NAME)
        return handle
    }

    override fun toString(): String = if (unregistered) "OwnPort(unregistered)" else "OwnPort($name, $type, ${flags.joinToString("|")})"
}
