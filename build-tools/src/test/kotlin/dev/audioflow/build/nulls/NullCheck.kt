@file:JvmName("NullCheck")

package dev.audioflow.build.nulls

/** The fixture's replacement for Kotlin's null check: the rewrite points calls here. */
fun check(value: Any?, parameter: String?) {
    if (value == null) throw IllegalArgumentException("$parameter must not be null")
}
