@file:JvmName("SourceLoss")

package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.channelFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch

/**
 * Ends this stream with [AudioErrorKind.StreamInvalidated] as soon as one of [sources] — ports
 * of *other* clients that feed it, such as a netjack2 slave's `slavebox:from_slave_1` on the
 * master — is unregistered or its client leaves the server. Without it a stream whose sources
 * vanish goes on reading silence from its own, now unconnected, ports.
 *
 * The check is made on [client]'s graph events (no polling): the stream fails within the time
 * the server takes to notice the loss (netjack2's master drops a vanished slave in about 0.2 s)
 * plus one notification. Sources missing already when collection starts fail it at once with
 * [AudioErrorKind.DeviceNotFound].
 *
 * Collected on the caller's context; the watch lives exactly as long as the collection.
 * A source that is cut off without leaving (a netjack2 link pulled: the slave stays listed and
 * its ports go quiet or stop) is not seen here; add `failWhenSilent` from `flow-operators` for that.
 *
 * ```
 * val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
 * activate()
 * val sources = listOf("slavebox:from_slave_1", "slavebox:from_slave_2")
 * sources.zip(inputs).forEach { (source, input) -> connect(source, input.name) }
 * input(inputs).failWhenSourcesVanish(this, sources).writeWav(path)   // ends when the slave goes
 * ```
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for an empty [sources] list (when
 *   called); through the flow, [AudioErrorKind.DeviceNotFound] or
 *   [AudioErrorKind.StreamInvalidated] naming the port or client that went away.
 */
public fun Flow<FloatBlock>.failWhenSourcesVanish(client: JackClient, sources: List<String>): Flow<FloatBlock> {
    if (sources.isEmpty()) throw AudioException(AudioErrorKind.InvalidArgument, "failWhenSourcesVanish needs at least one source port (got none)")
    val upstream = this
    val clients = sources.map { it.substringBefore(':') }.toSet()
    return channelFlow {
        val watch = launch(start = CoroutineStart.UNDISPATCHED) {
            val gone = client.events.first { event ->
                event is JackEvent.PortUnregistered && event.port in sources ||
                    event is JackEvent.ClientUnregistered && event.client in clients
            }
            val what = when (gone) {
                is JackEvent.PortUnregistered -> "source port '${gone.port}' was unregistered"
                is JackEvent.ClientUnregistered -> "client '${gone.client}', which owned source ports ${sources.filter { it.substringBefore(':') == gone.client }}, left the server"
                else -> "a source went away"
            }
            throw AudioException(AudioErrorKind.StreamInvalidated, "stream of '${client.name}' invalidated: $what")
        }
        // Subscribed first, checked second: a source that goes between the two is still seen.
        sources.firstOrNull { client.portOrNull(it) == null }?.let {
            throw AudioException(AudioErrorKind.DeviceNotFound, "source port '$it' does not exist on the server of '${client.name}'")
        }
        upstream.collect { send(it) }
        watch.cancel()
    }
}
