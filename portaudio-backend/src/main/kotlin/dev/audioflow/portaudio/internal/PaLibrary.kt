package dev.audioflow.portaudio.internal

import com.sun.jna.Native
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.jna.JnaLibrary

/** The system PortAudio library, found on first use; a missing one makes the backend unavailable, never a class-loading failure. */
@OptIn(DelicateAudioApi::class)
internal object PaLibrary {
    /** The backend's name, in `AudioBackends` and in every `AudioException` it raises. */
    const val BACKEND = "portaudio"

    /** Tried in order: the linker name (dev package, Homebrew, Windows) and Debian's runtime soname. */
    val library = JnaLibrary(
        "the PortAudio library",
        listOf("portaudio", "libportaudio.so.2", "portaudio_x64", "libportaudio"),
        "Debian/Ubuntu `apt-get install libportaudio2`, Fedora `dnf install portaudio`, macOS `brew install portaudio`",
    )

    /** Binds the `external` functions of [natives] to the library; only once it is loaded. */
    fun bind(natives: Class<*>) {
        Native.register(natives, library.require(BACKEND))
    }
}
