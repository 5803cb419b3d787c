package dev.audioflow.testing

import io.kotest.core.annotation.Condition
import io.kotest.core.spec.Spec
import kotlin.reflect.KClass

/**
 * Kotest condition for `@EnabledIf`: true when [NetJackHosts] can be made here (jackd, root and
 * `ip netns`). Otherwise it prints a loud warning and disables the spec, except under `CI=true`,
 * where it enables the spec so that making the hosts fails it.
 *
 * ```
 * @EnabledIf(NetnsAvailable::class)
 * class MyNetJackSpec : FunSpec({ ... })
 * ```
 */
public class NetnsAvailable : Condition {
    /** True when namespaces and jackd are available or `CI=true`; otherwise warns on stderr and returns false. */
    override fun evaluate(kclass: KClass<out Spec>): Boolean = runsOrSkipsLoudly(kclass, NetJackHosts.missingReason)
}
