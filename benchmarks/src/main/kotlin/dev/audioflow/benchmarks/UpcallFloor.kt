package dev.audioflow.benchmarks

import com.sun.jna.Callback
import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat
import dev.audioflow.spi.RealtimeEndpoint

/**
 * The JNA upcall floor, for benchmarks/portaudio/run: how long one PortAudio-shaped callback
 * costs when a native thread calls into the JVM through a JNA direct-mapped callback, as
 * PortAudio's callback thread does.
 *
 * The native side is benchmarks/portaudio/upcall_floor.c (a shared library whose path is the
 * first argument). For each block size it prints `BLOCK EMPTY_NS DRIVER_NS C_NS`:
 * - EMPTY_NS: a callback of the shape of portaudio-backend's `PaCallbackLp64` with an empty body
 *   (the floor of any design that takes a JNA upcall per PortAudio callback);
 * - DRIVER_NS: portaudio-backend's real `CallbackDriver` (float32 stereo output stream) over a
 *   real `RealtimeEndpoint` whose ring always holds enough frames, so every call copies a full
 *   block from the ring into the native buffer;
 * - C_NS: the same loop calling a C callback that memsets the buffer.
 * Both JVM callbacks get a `CallbackThreadInitializer` (daemon, stay attached) as the real
 * stream's does. Each figure is the median of the per-call means of about [CALLS] / 2 calls'
 * rounds, after as many untimed warm-up calls (thread attachment, JIT).
 *
 * usage: UpcallFloor LIBRARY_PATH BLOCK...
 */
fun main(args: Array<String>) {
    require(args.size >= 2) { "usage: UpcallFloor LIBRARY_PATH BLOCK..." }
    UpcallNative.load(args[0])
    for (block in args.drop(1).map { it.toInt() }) {
        val empty = measureEmpty(block)
        val driver = measureDriver(block)
        val c = UpcallNative.upcall_floor_c(callsPerRound(block), rounds(block), block.toLong())
        println("$block %.1f %.1f %.1f".format(empty, driver, c))
    }
}

/** Frames the callbacks of one round consume: the ring is refilled between rounds. */
private const val CALLS_PER_ROUND_FRAMES = 65_536L
private const val CALLS = 400_000L

private fun callsPerRound(block: Int): Long = CALLS_PER_ROUND_FRAMES / block
private fun rounds(block: Int): Long = CALLS / callsPerRound(block)

/** Same shape as portaudio-backend's `PaCallbackLp64` (LP64 `unsigned long`). */
interface PaShapedCallback : Callback {
    fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int
}

/** Called by the harness between rounds, untimed. */
interface RefillCallback : Callback {
    fun invoke()
}

/** Direct-mapped harness functions (upcall_floor.c). */
@Suppress("FunctionName")
object UpcallNative {
    fun load(path: String) {
        Native.register(UpcallNative::class.java, NativeLibrary.getInstance(path))
    }

    @JvmStatic external fun upcall_floor(callback: Callback, refill: Callback?, calls: Long, rounds: Long, frames: Long, channels: Int): Double

    @JvmStatic external fun upcall_floor_c(calls: Long, rounds: Long, frames: Long): Double
}

private fun attached(callback: Callback): Callback = callback.also {
    Native.setCallbackThreadInitializer(it, CallbackThreadInitializer(true, false, "upcall-floor"))
}

private fun measureEmpty(block: Int): Double {
    val callback = attached(object : PaShapedCallback {
        override fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int = 0
    })
    return UpcallNative.upcall_floor(callback, null, callsPerRound(block), rounds(block), block.toLong(), 2)
}

/**
 * The real driver, built by reflection: `CallbackDriver` and `RealtimeEndpoint`'s constructor
 * are internal to their modules (public in bytecode).
 */
@OptIn(DelicateAudioApi::class)
private fun measureDriver(block: Int): Double {
    val endpoint = RealtimeEndpoint::class.java
        .getDeclaredConstructor(Int::class.java, Int::class.java, Int::class.java, Int::class.java)
        .newInstance(0, 2, CALLS_PER_ROUND_FRAMES.toInt(), 48_000)
    val driverClass = Class.forName("dev.audioflow.portaudio.internal.CallbackDriver")
    val driver = driverClass
        .getDeclaredConstructor(RealtimeEndpoint::class.java, SampleFormat::class.java, Int::class.java, Int::class.java)
        .newInstance(endpoint, SampleFormat.FLOAT32, block, 48_000)
    val callback = attached(driverClass.getMethod("getNativeCallback").invoke(driver) as Callback)
    val ring = endpoint.outputRing!!
    val samples = FloatArray(ring.capacityFrames * ring.channels) { 0.25f }
    val refill = object : RefillCallback {
        override fun invoke() {
            ring.write(samples, 0, ring.freeFrames())
        }
    }
    val nanos = UpcallNative.upcall_floor(callback, refill, callsPerRound(block), rounds(block), block.toLong(), 2)
    val expected = 2 * rounds(block) * CALLS_PER_ROUND_FRAMES
    check(endpoint.framesRendered == expected) { "the driver rendered ${endpoint.framesRendered} frames from the ring, not $expected" }
    return nanos
}
