package dev.audioflow.testing

import io.kotest.core.spec.Spec
import kotlin.reflect.KClass

/**
 * The rule of this module's Kotest conditions ([JackInstalled], [NetnsAvailable]): a spec runs
 * when nothing is missing ([missing] is null) or under `CI=true`, where running it makes the
 * missing part fail it; otherwise it is skipped with a loud line on stderr naming the spec and why.
 */
internal fun runsOrSkipsLoudly(kclass: KClass<out Spec>, missing: String?): Boolean {
    if (missing == null || JackServer.required) return true
    System.err.println("*** SKIPPING ${kclass.simpleName}: $missing (set CI=true to make this a failure) ***")
    return false
}
