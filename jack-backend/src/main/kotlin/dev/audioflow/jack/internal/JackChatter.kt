package dev.audioflow.jack.internal

/**
 * Routes libjack's own messages ("Cannot connect to server socket", "jack server is not
 * running") to the `dev.audioflow.jack.native` System.Logger at DEBUG level instead of stderr:
 * the backend already turns each failure into an [dev.audioflow.AudioException] that says what
 * happened, and the raw lines drowned the output of programs that merely probe for a server.
 */
internal object JackChatter {
    private val logger = System.getLogger("dev.audioflow.jack.native")

    /** libjack's `void (*)(const char *)`. */
    fun interface Printer : com.sun.jna.Callback {
        fun invoke(message: String?)
    }

    /** Held for the life of the process: libjack keeps the pointer. */
    val printer: Printer = Printer { message -> logger.log(System.Logger.Level.DEBUG) { "JACK: $message" } }
}
