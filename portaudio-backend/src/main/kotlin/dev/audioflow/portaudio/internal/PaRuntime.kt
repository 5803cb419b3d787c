@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.portaudio.internal

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.AbandonableCall
import dev.audioflow.spi.jna.NativeLogRouter

/**
 * The process-wide PortAudio initialisation, reference-counted: every backend instance that has
 * read the device list and every open stream holds one reference; `Pa_Initialize` runs when the
 * first arrives and `Pa_Terminate` when the last leaves. All PortAudio calls outside the realtime
 * callback that depend on the device list run under [lock].
 *
 * [generation] changes with every initialisation, because device indices are only meaningful
 * within one.
 *
 * PortAudio's JACK host API cannot be terminated once its server has gone: `Pa_Terminate` then
 * fails an `assert` and aborts the JVM (see [PaJackServer]). When the server is found gone — a
 * stream saw it ([jackServerLost]) or the socket check before a terminate did — PortAudio stays
 * initialised for the rest of the process: its other host APIs keep working with the device
 * list of that initialisation, and a refresh (or a stream on a JACK device) fails with an
 * [AudioException] saying so. A `Pa_Terminate` that does not return within
 * [TERMINATE_TIMEOUT_MILLIS] (a stopped JACK server) is left behind the same way.
 */
internal object PaRuntime {
    val lock = Any()
    private var users = 0
    private var streams = 0

    /** Incremented by every successful `Pa_Initialize`. */
    @Volatile var generation: Long = 0; private set

    init {
        Runtime.getRuntime().addShutdownHook(Thread({ terminateAtExit() }, "portaudio-terminate"))
    }

    /** Whether `Pa_Initialize` has succeeded and no `Pa_Terminate` followed. */
    private var initialized = false

    /** The JACK server the JACK host API of this initialisation connected to; null without one, or where it cannot be watched. */
    private var jackServer: PaJackServer? = null

    /** Whether this initialisation has a JACK host API. */
    private var hasJackHostApi = false

    /** Streams given up without a close (see `PaStream.abandon`): PortAudio still holds their callbacks, so they stay reachable. */
    val abandoned: java.util.Queue<Any> = java.util.concurrent.ConcurrentLinkedQueue()

    /** Why PortAudio can be neither terminated nor initialised again in this process; null while it can. */
    @Volatile var stuck: String? = null; private set

    /** Takes a reference for a backend, initialising PortAudio with [environment] applied if it is not yet. */
    fun acquire(environment: PaEnvironment) = synchronized(lock) {
        ensureInitialized(environment)
        users++
    }

    /** Initialises PortAudio if a failed re-initialisation left it down. Caller holds a reference. */
    fun ensureInitialized(environment: PaEnvironment) = synchronized(lock) {
        if (!initialized) initialize(environment)
    }

    /** Takes a reference for a stream about to be opened. Caller holds a backend reference, so PortAudio is up. */
    fun acquireStream() = synchronized(lock) {
        check(initialized) { "PortAudio is not initialised" }
        users++
        streams++
    }

    fun releaseStream() = synchronized(lock) {
        streams--
        release()
    }

    fun release() = synchronized(lock) {
        check(users > 0) { "PortAudio released more often than acquired" }
        users--
        if (users == 0 && initialized) terminate()
    }

    /**
     * Records that the JACK server behind the JACK host API went away ([why], for messages):
     * from now on PortAudio is never terminated in this process.
     */
    fun jackServerLost(why: String) {
        if (stuck == null) stuck = "PortAudio's JACK host API lost its server ($why)"
    }

    /**
     * Whether the JACK server of this initialisation is known to be gone, checking its socket now
     * (see [PaJackServer]); records it as [jackServerLost] when it is. Never blocks for long.
     */
    fun jackServerGone(): Boolean {
        if (stuck != null) return true
        val server = jackServer ?: return false
        if (!server.isGone()) return false
        jackServerLost("$server is gone")
        return true
    }

    /**
     * Terminates and re-initialises PortAudio so that it enumerates devices afresh.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] while a stream is open: PortAudio's
     *   device list can only be rebuilt by `Pa_Terminate`, which would close it;
     *   [AudioErrorKind.BackendUnavailable] when PortAudio is [stuck].
     */
    fun reinitialize(environment: PaEnvironment) = synchronized(lock) {
        if (streams > 0) {
            throw AudioException(
                AudioErrorKind.DeviceBusy,
                "cannot refresh the PortAudio device list while $streams stream(s) are open: PortAudio rebuilds it " +
                    "only by terminating, which would close them; refresh after they are closed",
                backend = PaLibrary.BACKEND,
            )
        }
        if (initialized) terminate()
        if (initialized) throw stuckException("cannot refresh the PortAudio device list")
        initialize(environment)
    }

    private fun stuckException(what: String) = AudioException(
        AudioErrorKind.BackendUnavailable,
        "$what: $stuck, and PortAudio 19 can then be neither terminated nor initialised again in this process " +
            "(its Pa_Terminate would abort the JVM); its other host APIs keep the device list they had. " +
            "Restart the program to use a new JACK server through PortAudio, or use the jack backend, which reconnects",
        backend = PaLibrary.BACKEND,
    )

    /** Throws [stuckException] for [what] when PortAudio's JACK host API lost its server. */
    fun requireJackHostApi(what: String) {
        if (jackServerGone()) throw stuckException(what)
    }

    private fun initialize(environment: PaEnvironment) {
        if (stuck != null) throw stuckException("cannot initialise PortAudio")
        NativeLogRouter.install()
        environment.apply()
        checkError(PaNative.Pa_Initialize(), "Pa_Initialize")
        initialized = true
        generation++
        hasJackHostApi = (0 until PaNative.Pa_GetHostApiCount()).any { PaNative.Pa_GetHostApiInfo(it)?.type == JACK_TYPE_ID }
        jackServer = if (hasJackHostApi) PaJackServer.connectedTo(environment.effectiveServerName()) else null
    }

    /** `Pa_Terminate`, unless that would abort the JVM (a lost JACK server) or it does not return in time; then PortAudio stays initialised. */
    private fun terminate() {
        if (hasJackHostApi && jackServerGone()) return
        val done = if (hasJackHostApi) {
            AbandonableCall.runWithin("portaudio-terminate", TERMINATE_TIMEOUT_MILLIS) { PaNative.Pa_Terminate() }
        } else {
            PaNative.Pa_Terminate()
        }
        if (done == null) {
            stuck = "Pa_Terminate did not return within $TERMINATE_TIMEOUT_MILLIS ms (a stopped JACK server?)"
            initialized = true
            return
        }
        initialized = false
        jackServer = null
        hasJackHostApi = false
    }

    private fun terminateAtExit() = synchronized(lock) {
        if (initialized && streams == 0) terminate()
    }

    /** `paJACK` in `PaHostApiTypeId`. */
    private const val JACK_TYPE_ID = 12

    /** How long `Pa_Terminate` may take with a JACK host API before it is left behind. */
    private const val TERMINATE_TIMEOUT_MILLIS = 3_000L
}

/**
 * Process environment PortAudio reads during `Pa_Initialize`: the JACK host API connects to the
 * server named by `JACK_DEFAULT_SERVER` (set through libc `setenv`, since the JVM cannot change its
 * own environment) under the client name given to `PaJack_SetClientName`. Without a server name
 * the variable is put back to what the process started with, so a backend that named a test
 * server does not leave later initialisations pointing at it.
 */
internal data class PaEnvironment(val jackServerName: String?, val jackClientName: String) {
    /** The JACK server PortAudio's JACK host API connects to; null: libjack's default. */
    fun effectiveServerName(): String? = jackServerName ?: System.getenv(JACK_DEFAULT_SERVER)

    fun apply() {
        // System.getenv is the JVM's start-up snapshot, i.e. what the user chose before any backend changed it.
        val server = effectiveServerName()
        if (server != null) LibC.setenv(JACK_DEFAULT_SERVER, server, 1) else LibC.unsetenv(JACK_DEFAULT_SERVER)
        if (PaLibrary.library.exports("PaJack_SetClientName")) {
            // PortAudio stores the pointer itself, so the string must outlive every later Pa_Initialize.
            val name = Memory(jackClientName.toByteArray().size + 1L).apply { setString(0, jackClientName, "UTF-8") }
            checkError(PaJackNative.PaJack_SetClientName(name), "PaJack_SetClientName('$jackClientName')")
            clientName = name
        }
    }

    private companion object {
        const val JACK_DEFAULT_SERVER = "JACK_DEFAULT_SERVER"

        @Volatile var clientName: Memory? = null
    }
}
