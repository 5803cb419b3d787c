package dev.audioflow.jack.internal

import com.sun.jna.NativeLibrary

/**
 * Loads the system libjack once per JVM: `audioflow.jack.library` if set, else `jack`, else
 * `libjack.so.0` (the runtime name on Debian without the -dev package; PipeWire's libjack is
 * found the same way when it comes first on the library path, as under `pw-jack`).
 */
internal object JackLibrary {
    const val LIBRARY_PROPERTY: String = "audioflow.jack.library"

    private val loaded: Result<NativeLibrary> by lazy { runCatching { load() } }

    /** The library, or the reason it could not be loaded. */
    fun get(): Result<NativeLibrary> = loaded

    private fun load(): NativeLibrary {
        val candidates = listOfNotNull(System.getProperty(LIBRARY_PROPERTY), "jack", "libjack.so.0")
        val failures = ArrayList<String>()
        for (candidate in candidates) {
            try {
                return NativeLibrary.getInstance(candidate)
            } catch (e: UnsatisfiedLinkError) {
                failures += "$candidate: ${e.message?.lineSequence()?.firstOrNull()}"
            }
        }
        throw UnsatisfiedLinkError(
            "libjack not found (tried ${failures.joinToString("; ")}); install libjack-jackd2-0 " +
                "(or PipeWire's JACK library) or set -D$LIBRARY_PROPERTY=/path/to/libjack.so.0",
        )
    }
}
