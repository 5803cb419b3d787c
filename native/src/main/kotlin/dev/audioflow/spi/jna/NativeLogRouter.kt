package dev.audioflow.spi.jna

import com.sun.jna.Callback
import com.sun.jna.Function
import com.sun.jna.NativeLibrary
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: the one process-wide route for what ALSA and libjack print ("ALSA lib pcm.c:...
 * Unknown PCM", "Cannot connect to server socket", "jack server is not running"): to the
 * System.Loggers [ALSA_LOGGER] and [JACK_LOGGER] at DEBUG level instead of the process's
 * stderr, where it drowned the output of every program that merely listed devices. Backends
 * already turn each failure into an `AudioException` that says what happened.
 *
 * Both libraries keep one handler per process, so every backend installs this same router
 * (PortAudio before `Pa_Initialize`, JACK when it binds libjack) and none overrides another.
 * A library that is absent is skipped. The handlers run on whichever thread the library
 * reports from. Thread-safe; [install] is idempotent and never throws.
 *
 * ```
 * NativeLogRouter.install()                  // ALSA and the system libjack
 * NativeLogRouter.install(jack = libjack)    // also the libjack a backend loaded by path
 * ```
 */
@DelicateAudioApi
public object NativeLogRouter {
    /** The logger ALSA's messages go to. */
    public const val ALSA_LOGGER: String = "dev.audioflow.native.alsa"

    /** The logger libjack's error and info messages go to. */
    public const val JACK_LOGGER: String = "dev.audioflow.native.jack"

    private val alsaLogger = System.getLogger(ALSA_LOGGER)
    private val jackLogger = System.getLogger(JACK_LOGGER)

    /** ALSA's `snd_lib_error_handler_t`; the printf arguments after [format] are not read. */
    private fun interface AlsaErrorHandler : Callback {
        fun invoke(file: String?, line: Int, function: String?, err: Int, format: String?)
    }

    /** libjack's `void (*)(const char *)` error and info printers. */
    private fun interface JackPrinter : Callback {
        fun invoke(message: String?)
    }

    // Held for the life of the process: the libraries keep calling these pointers.
    private val alsaHandler = AlsaErrorHandler { file, line, function, err, format ->
        alsaLogger.log(System.Logger.Level.DEBUG) { "ALSA $file:$line $function (error $err): $format" }
    }
    private val jackPrinter = JackPrinter { message -> jackLogger.log(System.Logger.Level.DEBUG) { "JACK: $message" } }

    private var alsaRouted = false
    private val routedJacks = HashSet<NativeLibrary>()

    /**
     * Routes ALSA's messages and those of the system libjack (`jack`, `libjack.so.0`) and, when
     * given, of [jack] (a libjack loaded from elsewhere, such as PipeWire's), each at most once.
     */
    @JvmStatic
    @JvmOverloads
    @Synchronized
    public fun install(jack: NativeLibrary? = null) {
        if (!alsaRouted) {
            alsaRouted = true
            function(ALSA, "snd_lib_error_set_handler")?.invoke(Int::class.javaPrimitiveType, arrayOf<Any>(alsaHandler))
        }
        for (library in listOfNotNull(jack, firstLoadable(JACK))) {
            if (!routedJacks.add(library)) continue
            for (setter in listOf("jack_set_error_function", "jack_set_info_function")) {
                lookUp(library, setter)?.invoke(Void.TYPE, arrayOf<Any>(jackPrinter))
            }
        }
    }

    private val ALSA = listOf("asound", "libasound.so.2")
    private val JACK = listOf("jack", "libjack.so.0")

    private fun function(names: List<String>, symbol: String): Function? = firstLoadable(names)?.let { lookUp(it, symbol) }

    private fun firstLoadable(names: List<String>): NativeLibrary? {
        for (name in names) {
            try {
                return NativeLibrary.getInstance(name)
            } catch (_: UnsatisfiedLinkError) {
                continue
            }
        }
        return null
    }

    private fun lookUp(library: NativeLibrary, symbol: String): Function? = try {
        library.getFunction(symbol)
    } catch (_: UnsatisfiedLinkError) {
        null
    }
}
