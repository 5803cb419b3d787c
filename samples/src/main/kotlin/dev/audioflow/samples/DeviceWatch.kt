package dev.audioflow.samples

import dev.audioflow.AudioBackend
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** `devices --watch`: prints each backend's device events as they come, one line each, until stopped. */
class DeviceWatch(private val console: Console) {
    /** Watches [backends] for [seconds] seconds, or until the program is interrupted when null. */
    fun run(backends: List<AudioBackend>, seconds: Int?) {
        console.println("watching ${backends.joinToString { it.name }} for device changes${seconds?.let { " for $it s" } ?: " (Ctrl-C to stop)"}...")
        val limit: Duration = seconds?.seconds ?: Duration.INFINITE
        runBlocking {
            withTimeoutOrNull(limit) {
                coroutineScope {
                    for (backend in backends) launch {
                        backend.deviceEvents.collect { event -> console.println("${backend.name}: $event") }
                    }
                }
            }
        }
    }
}
