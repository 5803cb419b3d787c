package dev.audioflow.soxr.internal

import com.sun.jna.Native
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.jna.JnaLibrary

/** The system libsoxr, found on first use; a missing one makes the provider unavailable, never a class-loading failure. */
@OptIn(DelicateAudioApi::class)
internal object SoxrLibrary {
    /** The provider's name, in `Resamplers` and in every `AudioException` it raises. */
    const val NAME = "soxr"

    /** Tried in order: the linker name (dev package, Homebrew, Windows) and Debian's runtime soname. */
    val library = JnaLibrary(
        "libsoxr (the SoX resampler library)",
        listOf("soxr", "libsoxr.so.0", "libsoxr"),
        "Debian/Ubuntu `apt-get install libsoxr0`, Fedora `dnf install soxr`, macOS `brew install libsoxr`",
        libraryProperty = "audioflow.soxr.library",
    )

    /** Binds the `external` functions of [natives] to the library; only once it is loaded. */
    fun bind(natives: Class<*>) {
        Native.register(natives, library.require(NAME))
    }
}
