package dev.audioflow.testing

import io.kotest.core.annotation.Condition
import io.kotest.core.spec.Spec
import kotlin.reflect.KClass

/**
 * Kotest condition for `@EnabledIf`: true when jackd, the JACK tools and libjack are installed.
 * When they are not, prints a loud warning and disables the spec, except under `CI=true`, where
 * it enables the spec so that starting the server fails it.
 *
 * ```
 * @EnabledIf(JackInstalled::class)
 * class MyJackSpec : FunSpec({ ... })
 * ```
 */
public class JackInstalled : Condition {
    /** True when the JACK parts are installed or `CI=true`; otherwise warns on stderr and returns false. */
    override fun evaluate(kclass: KClass<out Spec>): Boolean = runsOrSkipsLoudly(kclass, JackServer.missingReason)
}
