package dev.audioflow.portaudio.internal

import com.sun.jna.NativeLibrary
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/** Finds the system PortAudio library once; never throws, so class loading never fails. */
internal object PaLibrary {
    /** Names tried in order: the linker name (dev package, Homebrew, Windows) and Debian's runtime soname. */
    private val CANDIDATES = listOf("portaudio", "libportaudio.so.2", "portaudio_x64", "libportaudio")

    const val BACKEND = "portaudio"

    /** The loaded library, or null with [loadError] explaining why. */
    val library: NativeLibrary?

    /** Why the library could not be loaded, with what to install; null when loaded. */
    val loadError: String?

    init {
        var found: NativeLibrary? = null
        val failures = ArrayList<String>()
        for (name in CANDIDATES) {
            found = try {
                NativeLibrary.getInstance(name)
            } catch (e: LinkageError) {
                // UnsatisfiedLinkError for a missing library, NoClassDefFoundError when JNA's own native part is unusable.
                failures += "$name: ${e.message?.lineSequence()?.firstOrNull()}"
                null
            }
            if (found != null) break
        }
        library = found
        loadError = if (found != null) null else buildString {
            append("the PortAudio library was not found (tried ${CANDIDATES.joinToString()}). ")
            append("Install it: Debian/Ubuntu `apt-get install libportaudio2`, Fedora `dnf install portaudio`, ")
            append("macOS `brew install portaudio`; or put its directory on jna.library.path. ")
            append("Details: ${failures.joinToString("; ")}")
        }
    }

    /** True when [PaNative] can be used. */
    val isLoaded: Boolean get() = library != null

    /** Whether the library exports [symbol] (host-API extensions are optional). */
    fun exports(symbol: String): Boolean = try {
        library?.getFunction(symbol) != null
    } catch (_: UnsatisfiedLinkError) {
        false
    }

    fun requireLoaded() {
        if (library == null) throw AudioException(AudioErrorKind.BackendUnavailable, loadError!!, backend = BACKEND)
    }
}
