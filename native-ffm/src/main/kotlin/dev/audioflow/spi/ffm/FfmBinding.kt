package dev.audioflow.spi.ffm

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.ForeignBinding
import dev.audioflow.spi.NativeCopy
import dev.audioflow.spi.UpcallScope
import java.lang.foreign.Linker
import java.lang.foreign.MemorySegment
import java.lang.foreign.ValueLayout
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodType

/**
 * Backend SPI: core's [ForeignBinding] over `java.lang.foreign` (JDK 22+), registered for
 * [java.util.ServiceLoader] in `META-INF/services`; backends get it from
 * `dev.audioflow.spi.NativeCallPaths`, never by constructing it.
 *
 * Downcalls are `Linker.downcallHandle` on the function's address (a critical one with
 * `Linker.Option.critical(false)`); upcall stubs come from [ArenaUpcalls], one shared `Arena` per
 * scope; copies are `SegmentCopy`. The JDK's restricted methods used here (`downcallHandle`,
 * `upcallStub`, `MemorySegment.reinterpret`) print a warning unless the JVM runs with
 * `--enable-native-access=ALL-UNNAMED` (or `=dev.audioflow.ffm` on the module path).
 *
 * Thread-safe. Construction fails on a 32-bit JVM: C pointers travel as `long` addresses.
 *
 * ```
 * val binding = dev.audioflow.spi.NativeCallPaths.foreign("jack")   // this class, on JDK 22+
 * ```
 */
@DelicateAudioApi
public class FfmBinding : ForeignBinding {
    init {
        check(ValueLayout.ADDRESS.byteSize() == Long.SIZE_BYTES.toLong()) {
            "the FFM native call path needs a 64-bit JVM (C pointers travel as long addresses); this one has ${ValueLayout.ADDRESS.byteSize() * 8}-bit pointers"
        }
    }

    private val linker = Linker.nativeLinker()

    override val description: String = "java.lang.foreign on JDK ${Runtime.version()}"

    override val copy: NativeCopy get() = SegmentCopy

    override fun downcall(address: Long, type: MethodType, critical: Boolean): MethodHandle {
        val descriptor = CSignatures.of(type)
        val function = MemorySegment.ofAddress(address)
        return if (critical) linker.downcallHandle(function, descriptor, Linker.Option.critical(false)) else linker.downcallHandle(function, descriptor)
    }

    override fun openUpcalls(): UpcallScope = ArenaUpcalls(linker)

    override fun toString(): String = "FfmBinding($description)"
}
