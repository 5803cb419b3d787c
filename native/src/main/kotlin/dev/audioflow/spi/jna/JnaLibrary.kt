package dev.audioflow.spi.jna

import com.sun.jna.NativeLibrary
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: a system library a JNA backend binds to, found once by trying [candidates] in
 * order (the value of the system property [libraryProperty] first, when set), with a message
 * that says what to install when none loads.
 *
 * Loading happens on first use and never throws: a backend whose library is missing still
 * loads, reports [loadError] as its unavailable reason, and throws only from the calls that
 * need the library ([require]). Thread-safe.
 *
 * ```
 * internal val PORTAUDIO = JnaLibrary(
 *     "the PortAudio library", listOf("portaudio", "libportaudio.so.2"),
 *     installHint = "Debian/Ubuntu `apt-get install libportaudio2`, macOS `brew install portaudio`",
 * )
 * fun bind() = Native.register(PaNative::class.java, PORTAUDIO.require("portaudio"))
 * ```
 *
 * @property description what the library is, for messages: `the PortAudio library`, `libjack`.
 * @property candidates library names or paths tried in order with [NativeLibrary.getInstance].
 * @property installHint how to install it, appended to the message when it is missing.
 * @property libraryProperty a system property naming the library file to try first, or null.
 */
@DelicateAudioApi
public class JnaLibrary @JvmOverloads constructor(
    public val description: String,
    public val candidates: List<String>,
    public val installHint: String,
    public val libraryProperty: String? = null,
) {
    private val loaded: Pair<NativeLibrary?, String?> by lazy { load() }

    /** The loaded library, or null with [loadError] explaining why. */
    public val library: NativeLibrary? get() = loaded.first

    /** Why the library could not be loaded (names tried, what to install, the linker's words); null when loaded. */
    public val loadError: String? get() = loaded.second

    /** True when [library] is usable. */
    public val isLoaded: Boolean get() = library != null

    /**
     * The library, for binding natives to it.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] for [backend] with [loadError]
     *   when it could not be loaded.
     */
    public fun require(backend: String): NativeLibrary =
        library ?: throw AudioException(AudioErrorKind.BackendUnavailable, loadError!!, backend = backend)

    /** Whether the library exports [symbol] (optional extensions, newer versions); false when not loaded. */
    public fun exports(symbol: String): Boolean = try {
        library?.getFunction(symbol) != null
    } catch (_: UnsatisfiedLinkError) {
        false
    }

    private fun load(): Pair<NativeLibrary?, String?> {
        val names = listOfNotNull(libraryProperty?.let { System.getProperty(it) }) + candidates
        val failures = ArrayList<String>()
        for (name in names) {
            try {
                return NativeLibrary.getInstance(name) to null
            } catch (e: LinkageError) {
                // UnsatisfiedLinkError for a missing library, NoClassDefFoundError when JNA's own native part is unusable.
                failures += "$name: ${e.message?.lineSequence()?.firstOrNull()}"
            }
        }
        val property = libraryProperty?.let { "; or set -D$it=/path/to/the/library" } ?: "; or put its directory on jna.library.path"
        return null to "$description was not found (tried ${names.joinToString()}). Install it: $installHint$property. Details: ${failures.joinToString("; ")}"
    }

    override fun toString(): String = "JnaLibrary($description, ${if (isLoaded) "loaded" else "not loaded"})"
}
