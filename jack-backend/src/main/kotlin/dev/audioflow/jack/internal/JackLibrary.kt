package dev.audioflow.jack.internal

import com.sun.jna.NativeLibrary
import dev.audioflow.DelicateAudioApi
import dev.audioflow.jack.JackBackend
import dev.audioflow.spi.jna.JnaLibrary
import dev.audioflow.spi.jna.NativeLogRouter

/**
 * The system libjack, found once per JVM: `audioflow.jack.library` if set, else `jack`, else
 * `libjack.so.0` (the runtime name on Debian without the -dev package; PipeWire's libjack is
 * found the same way when it comes first on the library path, as under `pw-jack`).
 */
@OptIn(DelicateAudioApi::class)
internal object JackLibrary {
    const val LIBRARY_PROPERTY: String = "audioflow.jack.library"

    val library = JnaLibrary(
        "libjack",
        listOf("jack", "libjack.so.0"),
        "Debian/Ubuntu `apt-get install libjack-jackd2-0` (or PipeWire's JACK library)",
        LIBRARY_PROPERTY,
    )

    /** The loaded library, its messages routed through the process-wide [NativeLogRouter]. */
    fun require(): NativeLibrary = library.require(JackBackend.NAME).also { NativeLogRouter.install(it) }
}
