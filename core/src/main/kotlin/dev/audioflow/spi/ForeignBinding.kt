package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodType

/**
 * Backend SPI: the JDK-17 seam to the Foreign Function & Memory API (`java.lang.foreign`, JDK
 * 22+), so that backends compiled for JDK 17 can take the [dev.audioflow.NativeCallPath.Ffm]
 * path. Its one implementation lives in the `audioflow-native-ffm` artifact, compiled for JDK
 * 22, and is found through [java.util.ServiceLoader] only on a JVM of version 22 or newer
 * ([NativeCallPaths.foreign]); no type of `java.lang.foreign` appears here.
 *
 * C functions are described by the Java [MethodType] of their handle: `int`, `long`, `float`,
 * `double` (and `void` for a result) map to the C types of those sizes, and a C pointer is a
 * `long` address (so no `MemorySegment` exists per call; 64-bit platforms only). A C `long`
 * is `long` on LP64 (Linux, macOS) and `int` on LLP64 (Windows).
 *
 * Thread-safe. Creating stubs and handles is not realtime; calling them is.
 *
 * ```
 * val binding = NativeCallPaths.foreign("jack")
 * val getBuffer: MethodHandle = binding.downcall(address, MethodType.methodType(Long::class.java, Long::class.java, Int::class.java), critical = true)
 * val buffer = getBuffer.invokeExact(port, frames) as Long          // a constant handle: inlined by the JIT
 * ```
 */
@DelicateAudioApi
public interface ForeignBinding {
    /** What this binding is, for diagnostics: `java.lang.foreign on JDK 25.0.3`. */
    public val description: String

    /**
     * The FFM path's copy strategy: segment accesses on one segment spanning the whole address
     * space, no `sun.misc.Unsafe`. Stateless and thread-safe, so one
     * object serves every callback thread, also as their [NativeBufferAccess].
     */
    public val copy: NativeCopy

    /**
     * A handle calling the C function at [address] with the signature [type] (see the class
     * notes). With [critical], the call skips the thread-state transition
     * (`Linker.Option.critical(false)`): only for short leaf functions that never block and
     * never call back, such as `jack_port_get_buffer`; the JVM cannot reach a safepoint while
     * one runs. Store the handle in a `static final` field (a Kotlin `object`'s `@JvmField
     * val`) and call it with `invokeExact` so that the JIT inlines it.
     *
     * @throws IllegalArgumentException for a type with a parameter other than `int`, `long`,
     *   `float` or `double`.
     */
    public fun downcall(address: Long, type: MethodType, critical: Boolean): MethodHandle

    /**
     * A new scope for upcall stubs; every stub made in it stays callable until [UpcallScope.close].
     * The caller keeps the scope as long as the native side may call any of its stubs.
     */
    public fun openUpcalls(): UpcallScope
}
