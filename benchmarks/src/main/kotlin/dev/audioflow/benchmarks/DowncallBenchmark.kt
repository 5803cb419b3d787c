package dev.audioflow.benchmarks

import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.NativeCallPaths
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.State
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodType
import java.util.concurrent.TimeUnit

/**
 * What one short leaf C call costs from the JVM on each native call path, the measurement behind
 * jack-backend's per-cycle calls (`jack_port_get_buffer` once per port, `jack_last_frame_time`):
 * libc's `labs` through JNA direct mapping ([jna], the JNA path), through an FFM downcall handle
 * ([ffm]) and through a critical one ([ffmCritical], `Linker.Option.critical`: no thread-state
 * transition, what the FFM path uses). The FFM ones need a JDK 22+ and `audioflow-native-ffm`
 * (which the benchmarks jar carries when built on one); `benchmarks/run` leaves them out on an
 * older JDK.
 */
@OptIn(DelicateAudioApi::class)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class DowncallBenchmark {
    private var value = -12_345L

    /** The JNA path's call: a JNA direct-mapped function (one JNI call). */
    @Benchmark
    fun jna(): Long = LibC.labs(value)

    /** An FFM downcall with the usual thread-state transitions. */
    @Benchmark
    fun ffm(): Long = FfmLibC.labs.invokeExact(value) as Long

    /** The FFM path's call: a critical FFM downcall. */
    @Benchmark
    fun ffmCritical(): Long = FfmLibC.labsCritical.invokeExact(value) as Long
}

/** libc's `labs`, direct-mapped by JNA. */
object LibC {
    init {
        Native.register(LibC::class.java, NativeLibrary.getInstance(C_LIBRARY))
    }

    /** `long labs(long)`. */
    @JvmStatic external fun labs(x: Long): Long
}

/** libc's `labs` as FFM downcall handles, in static final fields so that the JIT inlines them; created on first use. */
@OptIn(DelicateAudioApi::class)
object FfmLibC {
    private val type: MethodType = MethodType.methodType(java.lang.Long.TYPE, java.lang.Long.TYPE)
    private val address: Long = Pointer.nativeValue(NativeLibrary.getInstance(C_LIBRARY).getFunction("labs"))

    /** `labs` with thread-state transitions. */
    @JvmField val labs: MethodHandle = NativeCallPaths.foreign("benchmarks").downcall(address, type, critical = false)

    /** `labs` without them. */
    @JvmField val labsCritical: MethodHandle = NativeCallPaths.foreign("benchmarks").downcall(address, type, critical = true)
}

private const val C_LIBRARY = "c"
