package dev.audioflow.benchmarks

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.spi.NativeCopy
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Level
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Param
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import java.util.concurrent.TimeUnit

/**
 * What one cycle's copies cost on each native call path: [floats] floats read from a native
 * buffer into a preallocated array and written back out, as a ring, a processor's arrays or the
 * array fallback's scratch do every callback. [unsafe] is the JNA path's `Unsafe.copyMemory`
 * (the baseline: a `memcpy`); [ffmLoop] the FFM path's copy of a plain array (element loops, what
 * an array nobody prepared a view of takes); [ffmView] the same copy through the array's
 * prepared heap segment ([NativeCopy.view], one segment-to-segment `memcpy` each way), what the
 * rings, the processor and the fallback use since they prepare views. The FFM ones need a JDK 22+
 * and `audioflow-native-ffm`; `benchmarks/run` leaves them out on an older JDK.
 */
@OptIn(DelicateAudioApi::class)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class NativeCopyBenchmark {
    /** Floats per copy: a 256-frame stereo block, and a 64-frame one. */
    @Param("512", "128")
    var floats: Int = 0

    private lateinit var native: Memory
    private var address = 0L
    private lateinit var array: FloatArray

    @Setup(Level.Trial)
    fun setUp() {
        native = Memory(floats.toLong() * Float.SIZE_BYTES).apply { clear() }
        address = Pointer.nativeValue(native)
        array = FloatArray(floats) { it * 0.001f }
    }

    /** The JNA path: `Unsafe.copyMemory` in and out. */
    @Benchmark
    fun unsafe(): Float = arrayRoundTrip(UnsafeCopy.copy)

    /** The FFM path with a plain array: element loops in and out. */
    @Benchmark
    fun ffmLoop(): Float = arrayRoundTrip(FfmCopy.copy)

    private fun arrayRoundTrip(copy: NativeCopy): Float {
        copy.writeFloats(address, 0, array, 0, floats)
        copy.readFloats(address, 0, array, 0, floats)
        return array[floats - 1]
    }

    /** The FFM path through the array's prepared view: a `memcpy` in and out. */
    @Benchmark
    fun ffmView(state: FfmView): Float {
        val copy = FfmCopy.copy
        copy.writeFloatsFromView(address, 0, state.view, 0, floats)
        copy.readFloatsToView(address, 0, state.view, 0, floats)
        return state.array[floats - 1]
    }

    /** The array [ffmView] copies and its view, made once per trial as their owners make them. */
    @State(Scope.Thread)
    open class FfmView {
        lateinit var array: FloatArray
        lateinit var view: Any

        @Setup(Level.Trial)
        fun setUp(benchmark: NativeCopyBenchmark) {
            array = FloatArray(benchmark.floats) { it * 0.001f }
            view = FfmCopy.copy.view(array)
        }
    }
}

/** The JNA path's copy, in a static final field so that the JIT sees its class. */
@OptIn(DelicateAudioApi::class)
object UnsafeCopy {
    @JvmField val copy: NativeCopy = checkNotNull(NativeCopy.unsafe) { "sun.misc.Unsafe ring copies are not supported on this JVM" }
}

/** The FFM path's copy (`SegmentCopy`), likewise; created on first use (JDK 22+). */
@OptIn(DelicateAudioApi::class)
object FfmCopy {
    @JvmField val copy: NativeCopy = NativeCallPaths.foreign("benchmarks").copy
}
