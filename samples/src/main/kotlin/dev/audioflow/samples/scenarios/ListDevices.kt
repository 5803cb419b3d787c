/*
 * Scenario: list backends and devices.
 * Run: ./audioflow example list-devices            (or: ./audioflow devices, the full command)
 */
package dev.audioflow.samples.scenarios

import dev.audioflow.AudioBackends
import dev.audioflow.describe

object ListDevices {
    @JvmStatic
    fun main(args: Array<String>) {
        // Every backend found on the class path (portaudio, jack, virtual), available or not.
        for (backend in AudioBackends.all()) {
            if (!backend.isAvailable) {
                // An unavailable backend says why, and what to install or start.
                println("${backend.name}: unavailable (${backend.unavailableReason})")
                continue
            }
            println("${backend.name}:")
            // describe() prints a line like python -m sounddevice, with '>' for the default input and '<' for the default output.
            backend.devices().forEach { println("  ${it.describe()}") }
        }
    }
}
