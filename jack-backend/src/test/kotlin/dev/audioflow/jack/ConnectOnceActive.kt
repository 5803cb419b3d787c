package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/**
 * Connects [source] to [destination], waiting up to 5 s for their clients to be active: JACK2
 * refuses a connection to a port of a client that registered it but has not activated yet
 * (error -1), and a client's activation shows nowhere else (`jack_iodelay` and `jack_metro` register
 * their ports a moment before they activate). Any other failure, or the same one after 5 s, is thrown.
 */
internal fun JackClient.connectOnceActive(source: String, destination: String) {
    val deadline = System.nanoTime() + 5_000_000_000L
    while (true) {
        val refused = runCatching { connect(source, destination) }.exceptionOrNull() ?: return
        if (refused !is AudioException || refused.kind != AudioErrorKind.BackendError || System.nanoTime() > deadline) throw refused
        Thread.sleep(20)
    }
}
