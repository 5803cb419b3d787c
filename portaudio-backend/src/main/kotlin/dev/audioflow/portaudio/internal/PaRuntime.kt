@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.portaudio.internal

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.jna.NativeLogRouter

/**
 * The process-wide PortAudio initialisation, reference-counted: every backend instance that has
 * read the device list and every open stream holds one reference; `Pa_Initialize` runs when the
 * first arrives and `Pa_Terminate` when the last leaves. All PortAudio calls outside the realtime
 * callback that depend on the device list run under [lock].
 *
 * [generation] changes with every initialisation, because device indices are only meaningful
 * within one.
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
     * Terminates and re-initialises PortAudio so that it enumerates devices afresh.
     *
     * @throws AudioException [AudioErrorKind.DeviceBusy] while a stream is open: PortAudio's
     *   device list can only be rebuilt by `Pa_Terminate`, which would close it.
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
        initialize(environment)
    }

    private fun initialize(environment: PaEnvironment) {
        NativeLogRouter.install()
        environment.apply()
        checkError(PaNative.Pa_Initialize(), "Pa_Initialize")
        initialized = true
        generation++
    }

    private fun terminate() {
        initialized = false
        PaNative.Pa_Terminate()
    }

    private fun terminateAtExit() = synchronized(lock) {
        if (initialized && streams == 0) terminate()
    }
}

/**
 * Process environment PortAudio reads during `Pa_Initialize`: the JACK host API connects to the
 * server named by `JACK_DEFAULT_SERVER` (set through libc `setenv`, since the JVM cannot change its
 * own environment) under the client name given to `PaJack_SetClientName`. Without a server name
 * the variable is put back to what the process started with, so a backend that named a test
 * server does not leave later initialisations pointing at it.
 */
internal data class PaEnvironment(val jackServerName: String?, val jackClientName: String) {
    fun apply() {
        // System.getenv is the JVM's start-up snapshot, i.e. what the user chose before any backend changed it.
        val server = jackServerName ?: System.getenv(JACK_DEFAULT_SERVER)
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
