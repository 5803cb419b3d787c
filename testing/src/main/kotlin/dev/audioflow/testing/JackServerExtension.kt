package dev.audioflow.testing

import io.kotest.core.extensions.MountableExtension
import io.kotest.core.listeners.AfterSpecListener
import io.kotest.core.spec.Spec

/**
 * Kotest: one [JackServer] per spec, started when installed and killed after the spec.
 * Installing blocks until the server answers; it throws as [JackServer.start] does.
 *
 * ```
 * @EnabledIf(JackInstalled::class)
 * class MySpec : FunSpec({
 *     val server = install(JackServerExtension()) { period = 64 }
 *     test("...") { JackClient.open("t", server.name) ... }
 * })
 * ```
 */
public class JackServerExtension : MountableExtension<JackServer.Options, JackServer>, AfterSpecListener {
    private var server: JackServer? = null

    /** Starts the spec's server, configured by [configure]. */
    @JvmSynthetic
    override fun mount(configure: JackServer.Options.() -> Unit): JackServer =
        JackServer.start(JackServer.Options().apply(configure)).also { server = it }

    /** Stops the spec's server. */
    @JvmSynthetic
    override suspend fun afterSpec(spec: Spec) {
        server?.close()
        server = null
    }
}
