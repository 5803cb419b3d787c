package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.NativeCallPath
import dev.audioflow.spi.NativeCallPaths

/**
 * The [NativeCallPath] native streams must run on in this test JVM, for specs that assert it.
 * The build forces one per test run through `audioflow.native.path` (`ffm` in a native module's
 * default run on a JDK 22+, `jna` in its second run): that one. Unforced (a JDK 17 build), FFM
 * exactly when a binding loads, which on JDK 17 it never does.
 *
 * Thread-safe; reads the property each time.
 *
 * ```
 * monitor.info.value!!.nativeCallPath shouldBe ExpectedNativePath.path
 * ```
 */
@OptIn(DelicateAudioApi::class)
public object ExpectedNativePath {
    /** The path this test run is on. */
    @JvmStatic
    public val path: NativeCallPath
        get() = when (System.getProperty(NativeCallPaths.PROPERTY)?.trim()?.lowercase()) {
            "ffm" -> NativeCallPath.Ffm
            "jna" -> NativeCallPath.Jna
            else -> if (NativeCallPaths.foreignBinding != null) NativeCallPath.Ffm else NativeCallPath.Jna
        }

    /**
     * Runs [block] with `audioflow.native.path` set to [value] (cleared for null) and restores
     * the previous value however [block] ends; for specs that exercise the choice itself.
     * Not for concurrent specs: the property is the JVM's. Inline, so [block] may suspend.
     * Kotlin only (Java sets the system property itself).
     */
    @JvmSynthetic
    public inline fun <T> withProperty(value: String?, block: () -> T): T {
        val before = System.getProperty(NativeCallPaths.PROPERTY)
        set(value)
        try {
            return block()
        } finally {
            set(before)
        }
    }

    /** Sets or clears the property; for [withProperty]. */
    @PublishedApi
    @JvmStatic
    internal fun set(value: String?) {
        if (value == null) System.clearProperty(NativeCallPaths.PROPERTY) else System.setProperty(NativeCallPaths.PROPERTY, value)
    }
}
