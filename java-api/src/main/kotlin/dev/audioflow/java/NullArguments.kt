@file:JvmName("NullArguments")

package dev.audioflow.java

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/**
 * How the Java facade rejects a `null` argument: with an [AudioException] of kind
 * [AudioErrorKind.InvalidArgument] naming the method and the parameter
 * (`Audio.play: samples must not be null`), like every other bad argument, instead of Kotlin's
 * `NullPointerException: Parameter specified as non-null is null`.
 *
 * Nobody calls this function in the sources. The Kotlin compiler starts every non-private
 * function with one `Intrinsics.checkNotNullParameter(value, "name")` per non-null reference
 * parameter; after compiling, the build (build-tools' `NullArgumentsRewrite`, run by this
 * module's pom in `process-classes`) turns each such call in the public classes of this module
 * into a call of this function, and its `"name"` into `"Class.method: name"`. So every method,
 * present and future, checks its arguments first, with no check written by hand, and a
 * parameter declared nullable (`StreamConfig? = null`) still takes `null`. `NullArgumentsSpec`
 * calls every public method with `null` for each non-null parameter to prove it.
 */
@JvmName("check")
internal fun checkArgumentNotNull(value: Any?, parameter: String?) {
    if (value == null) throw AudioException(AudioErrorKind.InvalidArgument, "$parameter must not be null")
}
