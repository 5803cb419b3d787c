package dev.audioflow.portaudio.internal

import com.sun.jna.Callback
import com.sun.jna.Function
import com.sun.jna.NativeLibrary

/**
 * Routes what ALSA and libjack print while PortAudio probes its host APIs ("ALSA lib pcm.c:...
 * Unknown PCM", "Cannot connect to server socket") to the `dev.audioflow.portaudio.native`
 * System.Logger at DEBUG level instead of the process's stderr, where it drowned the output of
 * every program that merely listed devices. Installed once, before the first `Pa_Initialize`;
 * a library that is absent is simply skipped. The handlers run on whichever thread the library
 * reports from, never on the audio callback.
 */
internal object NativeChatter {
    private val logger = System.getLogger("dev.audioflow.portaudio.native")

    /** ALSA's `snd_lib_error_handler_t`; the printf arguments after [format] are not read. */
    fun interface AlsaErrorHandler : Callback {
        fun invoke(file: String?, line: Int, function: String?, err: Int, format: String?)
    }

    /** libjack's `void (*)(const char *)` error and info printers. */
    fun interface JackPrinter : Callback {
        fun invoke(message: String?)
    }

    // Held for the life of the process: the libraries keep calling these pointers.
    private val alsaHandler = AlsaErrorHandler { file, line, function, err, format ->
        logger.log(System.Logger.Level.DEBUG) { "ALSA $file:$line $function (error $err): $format" }
    }
    private val jackPrinter = JackPrinter { message -> logger.log(System.Logger.Level.DEBUG) { "JACK: $message" } }

    private var installed = false

    @Synchronized
    fun install() {
        if (installed) return
        installed = true
        function(ALSA, "snd_lib_error_set_handler")?.invoke(Int::class.javaPrimitiveType, arrayOf<Any>(alsaHandler))
        for (setter in listOf("jack_set_error_function", "jack_set_info_function")) {
            function(JACK, setter)?.invoke(Void.TYPE, arrayOf<Any>(jackPrinter))
        }
    }

    private val ALSA = listOf("asound", "libasound.so.2")
    private val JACK = listOf("jack", "libjack.so.0")

    private fun function(names: List<String>, symbol: String): Function? {
        for (name in names) {
            try {
                return NativeLibrary.getInstance(name).getFunction(symbol)
            } catch (_: UnsatisfiedLinkError) {
                continue
            }
        }
        return null
    }
}
