@file:JvmName("InternalClients")

package dev.audioflow.jack

import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.internal.InternalClientLibrary

/**
 * Loads the internal client [loadName] (a shared object in the server's driver directory, such
 * as `netmanager`, `netadapter`, `audioadapter`, `inprocess`) into this client's server, under
 * [name], handing it [arguments] as its init string (netmanager: `-a 239.0.0.1 -p 19000`).
 * Returns once the server has run its initialisation; the new client's ports and graph events
 * arrive like any client's.
 *
 * Thread-safe; blocks for the server request (milliseconds, as long as the client's own
 * initialisation). Java: `InternalClients.loadInternalClient(client, "netmanager", "netmanager", "-a 239.0.0.1")`.
 *
 * ```
 * jackClient("control") {
 *     val manager = loadInternalClient("netmanager", arguments = "-a 239.0.0.1 -p 19000")
 *     println(internalClient("netmanager") == manager)    // true
 * }
 * ```
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for a blank name;
 *   [AudioErrorKind.DeviceNotFound] when the server cannot load the shared object (jack2 does
 *   not tell a missing object from one that fails to start); [AudioErrorKind.BackendError] when
 *   its initialisation reports a failure (the message names the client, the object and the JACK
 *   status bits);
 *   [AudioErrorKind.ServerShutdown] once the server is gone.
 */
@JvmOverloads
public fun JackClient.loadInternalClient(name: String, loadName: String = name, arguments: String = ""): InternalClient {
    if (name.isBlank()) throw AudioException(AudioErrorKind.InvalidArgument, "internal client name must not be blank (got '$name')")
    if (loadName.isBlank()) throw AudioException(AudioErrorKind.InvalidArgument, "internal client '$name': the shared object name must not be blank (got '$loadName')")
    val status = IntByReference()
    val options = InternalClientLibrary.LOAD_NAME or InternalClientLibrary.LOAD_INIT
    val handle = InternalClientLibrary.native.jack_internal_client_load(pointer(), name, options, status, loadName, arguments)
    checkNotShutDown()
    if (handle == 0L) {
        val bits = status.value
        // jack2 1.9.21 reports a missing shared object as a bare JackFailure; an initialisation
        // that refused its arguments sets JackInitFailure.
        val initFailed = bits and InternalClientLibrary.INIT_FAILURE != 0
        val kind = if (initFailed) AudioErrorKind.BackendError else AudioErrorKind.DeviceNotFound
        val why = if (initFailed) {
            "its initialisation failed (arguments '$arguments')"
        } else {
            "the server could not load '$loadName' (no such internal client in its driver directory, or it failed to start)"
        }
        throw AudioException(kind, "cannot load internal client '$name' ($loadName) on server '${effectiveServer()}': $why (JACK status 0x${bits.toString(16)})")
    }
    return InternalClient(internalClientName(handle) ?: name, handle)
}

/**
 * Unloads [client] from this client's server: the server calls its `jack_finish`, and its ports
 * go away with the usual graph events.
 *
 * Thread-safe; blocks for the server request (as long as the client's own shutdown).
 *
 * ```
 * client.unloadInternalClient(client.internalClient("netmanager") ?: error("not loaded"))
 * ```
 *
 * @throws AudioException [AudioErrorKind.DeviceNotFound] when the server no longer runs it
 *   (already unloaded); [AudioErrorKind.BackendError] for another refusal, with the status bits;
 *   [AudioErrorKind.ServerShutdown] once the server is gone.
 */
public fun JackClient.unloadInternalClient(client: InternalClient) {
    val bits = InternalClientLibrary.native.jack_internal_client_unload(pointer(), client.handle)
    checkNotShutDown()
    if (bits == 0) return
    val kind = if (bits and InternalClientLibrary.NO_SUCH_CLIENT != 0) AudioErrorKind.DeviceNotFound else AudioErrorKind.BackendError
    throw AudioException(kind, "cannot unload internal client '${client.name}' from server '${effectiveServer()}' (JACK status 0x${bits.toString(16)})")
}

/**
 * The internal client called [name] on this client's server, or null when the server runs no
 * internal client of that name (an external client of that name is not one).
 *
 * Thread-safe; blocks for a server request (microseconds to milliseconds).
 *
 * ```
 * val loaded = client.internalClient("netmanager") != null
 * ```
 *
 * @throws AudioException [AudioErrorKind.ServerShutdown] once the server is gone.
 */
public fun JackClient.internalClient(name: String): InternalClient? {
    val status = IntByReference()
    val handle = InternalClientLibrary.native.jack_internal_client_handle(pointer(), name, status)
    checkNotShutDown()
    return if (handle == 0L) null else InternalClient(internalClientName(handle) ?: name, handle)
}

/**
 * The names of the clients on this client's server that own ports, in the order the server
 * lists their ports, each once (JACK has no list of clients; a client without ports is not
 * seen). Pair with [internalClient] to tell internal clients from external ones.
 *
 * Thread-safe; blocks for a server request.
 *
 * ```
 * client.clientNames().forEach(::println)      // system, netmanager, slavebox, ...
 * ```
 *
 * @throws AudioException [AudioErrorKind.ServerShutdown] once the server is gone.
 */
public fun JackClient.clientNames(): List<String> = ports().map { it.substringBefore(':') }.distinct()

private fun JackClient.pointer(): Pointer = Pointer(handle())

private fun JackClient.effectiveServer(): String = serverName ?: System.getenv("JACK_DEFAULT_SERVER") ?: "default"

private fun JackClient.internalClientName(handle: Long): String? {
    val native = InternalClientLibrary.native
    val name = native.jack_get_internal_client_name(pointer(), handle) ?: return null
    return try {
        name.getString(0)
    } finally {
        native.jack_free(name)
    }
}
