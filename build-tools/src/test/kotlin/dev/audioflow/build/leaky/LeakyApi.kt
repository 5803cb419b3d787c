package dev.audioflow.build.leaky

import kotlin.time.Duration

/** A file facade without @file:JvmName, with one member of each kind Java cannot use. */
suspend fun waitFor(duration: Duration): Unit = Unit

/** A Kotlin lambda parameter. */
fun onEach(action: (Int) -> Unit): Int = 0.also(action)

/** Defaults Java must write out. */
fun scaled(value: Int, factor: Int = 2): Int = value * factor

/** Defaults with overloads for Java. */
@JvmOverloads
fun offset(value: Int, by: Int = 1): Int = value + by

/** Hidden from Java: not a leak. */
@JvmSynthetic
suspend fun hiddenFromJava(): Int = 1

/** A companion with one @JvmStatic member and one without. */
class WithCompanion {
    companion object {
        @JvmStatic fun reachable(): Int = 1

        fun throughCompanion(): Int = 2
    }
}

/** A sealed type whose object value Java can only reach as INSTANCE, and one it can reach statically. */
sealed class Choice {
    object Hidden : Choice()

    object Offered : Choice()

    companion object {
        @JvmStatic fun offered(): Offered = Offered
    }
}
