package dev.audioflow.samples.ui

import java.io.BufferedReader
import java.io.InputStreamReader
import java.util.concurrent.TimeUnit

/**
 * A private X server (Debian's `xvfb`) for tests that open real windows: started on a display
 * number the server picks itself (`-displayfd`), so parallel runs never collide; stopped by
 * [close].
 *
 * @property display the `DISPLAY` value, like `:3`.
 */
class Xvfb private constructor(private val process: Process, val display: String) : AutoCloseable {
    override fun close() {
        process.destroy()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS)
    }

    companion object {
        private const val STARTUP_SECONDS = 20L

        /** Starts a 1280×800×24 server and waits (at most 20 s) until it accepts clients (it prints its display number then). */
        fun start(): Xvfb {
            val process = ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val reader = BufferedReader(InputStreamReader(process.inputStream))
            val line = java.util.concurrent.CompletableFuture.supplyAsync {
                try {
                    reader.readLine()
                } catch (e: java.io.IOException) {
                    null
                }
            }
            val number = try {
                line.get(STARTUP_SECONDS, TimeUnit.SECONDS)
            } catch (e: java.util.concurrent.TimeoutException) {
                null
            }
            if (number.isNullOrBlank() || number.trim().toIntOrNull() == null) {
                process.destroyForcibly()
                error("Xvfb did not report a display number (got '$number')")
            }
            return Xvfb(process, ":" + number.trim())
        }
    }
}
