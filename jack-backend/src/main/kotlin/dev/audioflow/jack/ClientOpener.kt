package dev.audioflow.jack

import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.jack.internal.Jack
import dev.audioflow.jack.internal.JackLibrary
import dev.audioflow.jack.internal.JackOpenLibrary

/**
 * Opening a JACK client: argument checks, `jack_client_open`, and the translation of its
 * `jack_status_t` into an [AudioException] whose kind and message say what went wrong and what
 * to do. Non-realtime; blocks while libjack talks to the server.
 */
internal object ClientOpener {
    /**
     * Opens a client called [name] on [serverName] and returns its native handle. See
     * [JackClient.open] for the parameters and the errors.
     */
    fun open(name: String, serverName: String?, noStartServer: Boolean, useExactName: Boolean): Long {
        requireLibrary()
        AudioException.require(name.isNotBlank()) { "JACK client name must not be blank, was '$name'" }
        AudioException.require(':' !in name) { "JACK client name must not contain ':', was '$name'" }
        val limit = Jack.jack_client_name_size() - 1
        AudioException.require(name.length <= limit) { "JACK client name '$name' is ${name.length} characters, longer than JACK's limit of $limit" }
        AudioException.require(serverName == null || serverName.isNotBlank()) { "JACK server name must not be blank" }
        var options = 0
        if (noStartServer) options = options or Jack.NO_START_SERVER
        if (useExactName) options = options or Jack.USE_EXACT_NAME
        if (serverName != null) options = options or Jack.SERVER_NAME
        val status = IntByReference()
        val client = if (serverName != null) {
            JackOpenLibrary.instance.jack_client_open(name, options, status, serverName)
        } else {
            JackOpenLibrary.instance.jack_client_open(name, options, status)
        }
        if (client == null) throw openFailure(name, serverName, status.value, useExactName && nameTaken(serverName))
        return Pointer.nativeValue(client)
    }

    /** The server a client opened with [serverName] talks to: that name, else `$JACK_DEFAULT_SERVER`, else `default`. */
    fun effectiveServerName(serverName: String?): String = serverName ?: System.getenv("JACK_DEFAULT_SERVER") ?: "default"

    /** Throws [AudioErrorKind.BackendUnavailable] with what to install when libjack cannot be loaded. */
    @OptIn(DelicateAudioApi::class)
    private fun requireLibrary() {
        JackLibrary.library.loadError?.let { throw AudioException(AudioErrorKind.BackendUnavailable, "JACK is unavailable: $it", backend = JackBackend.NAME) }
        // Binding the natives fails when the library lacks a function this binding needs.
        val failure = runCatching { Jack.jack_client_name_size() }.exceptionOrNull() ?: return
        throw AudioException(AudioErrorKind.BackendUnavailable, "JACK is unavailable: ${failure.message ?: failure.toString()}", failure, backend = JackBackend.NAME)
    }

    /** jackd2 reports a taken exact name as a generic server error; a second, non-exact open tells them apart. */
    private fun nameTaken(serverName: String?): Boolean = try {
        Jack.jack_client_close(open("audioflow-probe", serverName, noStartServer = true, useExactName = false))
        true
    } catch (_: AudioException) {
        false
    }

    private fun openFailure(name: String, serverName: String?, status: Int, nameTaken: Boolean): AudioException {
        val server = "'${effectiveServerName(serverName)}'"
        val (kind, what) = when {
            status and Jack.NAME_NOT_UNIQUE != 0 || nameTaken -> AudioErrorKind.DeviceBusy to "client name '$name' is already taken on JACK server $server"
            status and (Jack.SERVER_FAILED or Jack.SERVER_ERROR) != 0 ->
                AudioErrorKind.BackendUnavailable to "no JACK server $server is running (start one with 'jackd -d <driver>' or allow starting it)"
            status and Jack.VERSION_ERROR != 0 -> AudioErrorKind.BackendUnavailable to "the JACK server $server speaks another protocol version than libjack"
            status and (Jack.SHM_FAILURE or Jack.INIT_FAILURE) != 0 -> AudioErrorKind.BackendUnavailable to "cannot attach to JACK server $server (shared memory or init failure)"
            status and Jack.INVALID_OPTION != 0 -> AudioErrorKind.InvalidArgument to "JACK rejected the options for client '$name'"
            else -> AudioErrorKind.BackendError to "JACK could not open client '$name' on server $server"
        }
        return AudioException(kind, "$what (jack_status_t 0x${status.toString(16)})", backend = JackBackend.NAME, nativeCode = status)
    }
}
