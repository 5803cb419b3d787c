package dev.audioflow.benchmarks

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.FloatRing
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.spi.NativeCopy
import dev.audioflow.spi.RealtimeEndpoint
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Level
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Param
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State
import org.openjdk.jmh.annotations.TearDown
import java.util.concurrent.TimeUnit

/**
 * Nanoseconds per realtime callback cycle of a 2-in/2-out stream, bare ([callback]) and wrapped
 * in the disarmed [CallbackProbe]'s `enter()`/`exit()` as the PortAudio and JACK callbacks wrap it
 * ([probedCallback]): the price of the allocation probe on a production callback.
 *
 * A cycle is one call of the [RealtimeEndpoint] of an open duplex stream ([HeldEndpoint]) for
 * [frames] frames over the buffers of a [path]: `array` ([RealtimeEndpoint.process], the
 * backends' array fallback), `native` ([RealtimeEndpoint.processNative] on interleaved native
 * buffers, PortAudio's float32 path) or `planar` ([RealtimeEndpoint.processPlanar] on one native
 * buffer per channel, JACK's), the native ones with the JNA path's copies ([NativeCopy.unsafe]). So that every cycle moves real frames both ways, each operation
 * also does the app side's part of the cycle: it queues [frames] output frames before the cycle
 * and takes the [frames] captured ones after it, the same work in both benchmarks. The per-cycle
 * status log, which only the stream's own coroutine side drains, stays full, so each cycle's
 * status record is refused at its first check instead of written: a cycle a few nanoseconds
 * cheaper than a production one, which makes the probe's share look larger, not smaller.
 */
@OptIn(DelicateAudioApi::class)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
open class RealtimeCallbackBenchmark {
    @Param("64", "256")
    var frames: Int = 0

    @Param("array", "native", "planar")
    var path: String = ""

    private lateinit var held: HeldEndpoint
    private lateinit var endpoint: RealtimeEndpoint
    private lateinit var inputRing: FloatRing
    private lateinit var outputRing: FloatRing
    private lateinit var appOut: FloatArray
    private lateinit var appIn: FloatArray
    private lateinit var deviceIn: FloatArray
    private lateinit var deviceOut: FloatArray
    /** Holds the native buffers, which are freed once unreachable. */
    private lateinit var nativeBuffers: List<Memory>
    private var inputAddress = 0L
    private var outputAddress = 0L
    private lateinit var inputAddresses: LongArray
    private lateinit var outputAddresses: LongArray
    private var mode = 0
    private var timeNanos = 0L
    private lateinit var copy: NativeCopy

    @Setup(Level.Trial)
    fun setUp() {
        mode = PATHS.indexOf(path)
        require(mode >= 0) { "path must be one of $PATHS, was $path" }
        copy = checkNotNull(NativeCopy.unsafe) { "sun.misc.Unsafe ring copies are not supported on this JVM" }
        held = HeldEndpoint(frames)
        endpoint = held.endpoint
        inputRing = endpoint.inputRing!!
        outputRing = endpoint.outputRing!!
        appOut = FloatArray(frames * 2) { 0.25f }
        appIn = FloatArray(frames * 2)
        deviceIn = FloatArray(frames * 2) { -0.25f }
        deviceOut = FloatArray(frames * 2)
        val interleaved = List(2) { Memory(frames * 2L * Float.SIZE_BYTES).apply { clear() } }
        val planar = List(4) { Memory(frames.toLong() * Float.SIZE_BYTES).apply { clear() } }
        nativeBuffers = interleaved + planar
        inputAddress = Pointer.nativeValue(interleaved[0])
        outputAddress = Pointer.nativeValue(interleaved[1])
        inputAddresses = LongArray(2) { Pointer.nativeValue(planar[it]) }
        outputAddresses = LongArray(2) { Pointer.nativeValue(planar[2 + it]) }
        CallbackProbe.disarm()
    }

    @TearDown(Level.Trial)
    fun tearDown() {
        val cycles = endpoint.cycles
        val rendered = endpoint.framesRendered
        held.close()
        check(rendered == cycles * frames) { "the cycles rendered $rendered frames from the ring, not ${cycles * frames}: the ring ran dry" }
        check(endpoint.droppedFrames == 0L) { "the cycles dropped ${endpoint.droppedFrames} captured frames: the input ring overflowed" }
    }

    /** One cycle with no probe. */
    @Benchmark
    fun callback() {
        outputRing.write(appOut, 0, frames)
        cycle()
        inputRing.read(appIn, 0, frames)
    }

    /** One cycle between the disarmed probe's `enter()` and `exit()`, as the backends' callbacks run it. */
    @Benchmark
    fun probedCallback() {
        outputRing.write(appOut, 0, frames)
        CallbackProbe.enter()
        try {
            cycle()
        } finally {
            CallbackProbe.exit()
        }
        inputRing.read(appIn, 0, frames)
    }

    private fun cycle() {
        timeNanos += frames * NANOS_PER_FRAME
        when (mode) {
            ARRAY -> endpoint.process(deviceIn, deviceOut, frames, 0, timeNanos)
            NATIVE -> endpoint.processNative(inputAddress, outputAddress, frames, 0, timeNanos, copy)
            else -> endpoint.processPlanar(inputAddresses, outputAddresses, frames, 0, timeNanos, copy)
        }
    }

    private companion object {
        /** The [path] values, in the order of [ARRAY], [NATIVE] and planar. */
        val PATHS = listOf("array", "native", "planar")
        const val ARRAY = 0
        const val NATIVE = 1

        /** Nanoseconds per frame at 48 kHz, for the capture timestamps. */
        const val NANOS_PER_FRAME = 1_000_000_000L / 48_000
    }
}
