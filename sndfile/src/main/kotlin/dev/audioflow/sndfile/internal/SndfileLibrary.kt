package dev.audioflow.sndfile.internal

import com.sun.jna.Native
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.jna.JnaLibrary

/** The system libsndfile, found on first use; a missing one fails the calls that need it, never class loading. */
@OptIn(DelicateAudioApi::class)
internal object SndfileLibrary {
    /** The name in every `AudioException` the module raises for the library. */
    const val NAME = "sndfile"

    /**
     * Tried in order: the linker name (dev package, Homebrew), Debian's runtime soname, the
     * Windows DLL. A `var` only so that tests can stand in a missing library.
     */
    @Volatile
    var library = JnaLibrary(
        "libsndfile",
        listOf("sndfile", "libsndfile.so.1", "sndfile-1", "libsndfile-1"),
        "Debian/Ubuntu `apt-get install libsndfile1`, Fedora `dnf install libsndfile`, macOS `brew install libsndfile`",
        libraryProperty = "audioflow.sndfile.library",
    )

    /** Whether libsndfile is loaded. */
    val isLoaded: Boolean get() = library.isLoaded

    /** Why it is not, or null. */
    val loadError: String? get() = library.loadError

    /**
     * Throws unless libsndfile is loaded.
     *
     * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.BackendUnavailable] naming it and how to install it.
     */
    fun require() {
        library.require(NAME)
    }

    /** Binds the `external` functions of [natives] to the library; only once it is loaded. */
    fun bind(natives: Class<*>) {
        Native.register(natives, library.require(NAME))
    }
}
