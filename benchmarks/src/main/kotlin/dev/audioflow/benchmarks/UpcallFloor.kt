package dev.audioflow.benchmarks

import com.sun.jna.Callback
import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.UpcallScope
import dev.audioflow.spi.jna.NativeCalls
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType

/**
 * The upcall floor, for benchmarks/portaudio/run: how long one PortAudio-shaped callback costs
 * when a native thread calls into the JVM, as PortAudio's callback thread does, on the native
 * call path this JVM chooses (`-Daudioflow.native.path`): through a JNA direct-mapped callback
 * on the JNA path, through a `java.lang.foreign` upcall stub on the FFM path.
 *
 * The native side is benchmarks/portaudio/upcall_floor.c (a shared library whose path is the
 * first argument). For each block size it prints `BLOCK EMPTY_NS DRIVER_NS C_NS PATH`:
 * - EMPTY_NS: a callback of the shape of portaudio-backend's `PaCallbackLp64` with an empty body
 *   (the floor of any design that takes a JNA upcall per PortAudio callback);
 * - DRIVER_NS: portaudio-backend's real `CallbackDriver` (float32 stereo output stream) over a
 *   real `RealtimeEndpoint` whose ring always holds enough frames, so every call copies a full
 *   block from the ring into the native buffer;
 * - C_NS: the same loop calling a C callback that memsets the buffer.
 * - PATH: the native call path measured (`jna` or `ffm`).
 * On JNA both JVM callbacks get a `CallbackThreadInitializer` (daemon, stay attached) as the real
 * stream's does; on FFM the JDK keeps an upcall's native thread attached itself. Each figure is the median of the per-call means of about [CALLS] / 2 calls'
 * rounds, after as many untimed warm-up calls (thread attachment, JIT).
 *
 * usage: UpcallFloor LIBRARY_PATH BLOCK...
 */
@OptIn(DelicateAudioApi::class)
fun main(args: Array<String>) {
    require(args.size >= 2) { "usage: UpcallFloor LIBRARY_PATH BLOCK..." }
    UpcallNative.load(args[0])
    val calls = NativeCalls.choose("portaudio")
    for (block in args.drop(1).map { it.toInt() }) {
        val empty = measureEmpty(block, calls)
        val driver = measureDriver(block, calls)
        val c = UpcallNative.upcall_floor_c(callsPerRound(block), rounds(block), block.toLong())
        println("$block %.1f %.1f %.1f %s".format(empty, driver, c, calls.path.name.lowercase()))
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

    /** [upcall_floor] of a C function pointer: an FFM upcall stub. */
    @JvmStatic external fun upcall_floor(callback: Long, refill: Callback?, calls: Long, rounds: Long, frames: Long, channels: Int): Double

    @JvmStatic external fun upcall_floor_c(calls: Long, rounds: Long, frames: Long): Double
}

private fun attached(callback: Callback): Callback = callback.also {
    Native.setCallbackThreadInitializer(it, CallbackThreadInitializer(true, false, "upcall-floor"))
}

/** The FFM path's empty callback: the target of an upcall stub of [PaShapedCallback]'s shape. */
object EmptyUpcall {
    @Suppress("UNUSED_PARAMETER")
    @JvmStatic
    fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int = 0

    private val LONG: Class<*> = java.lang.Long.TYPE

    /** [callback] as a handle. */
    val handle: MethodHandle = MethodHandles.lookup()
        .findStatic(EmptyUpcall::class.java, "callback", MethodType.methodType(Integer.TYPE, LONG, LONG, LONG, LONG, LONG, LONG))
}

/**
 * Runs upcall_floor over [target] on the FFM path (an upcall stub of a new scope, closed once
 * the native thread is done with it) or over [jna] on the JNA path.
 */
@OptIn(DelicateAudioApi::class)
private fun floor(calls: NativeCalls, block: Int, refill: Callback?, target: () -> MethodHandle, jna: () -> Callback): Double {
    val foreign = calls.foreign
    if (foreign == null) return UpcallNative.upcall_floor(attached(jna()), refill, callsPerRound(block), rounds(block), block.toLong(), 2)
    return foreign.openUpcalls().use { upcalls: UpcallScope ->
        UpcallNative.upcall_floor(upcalls.stub(target(), "upcall-floor"), refill, callsPerRound(block), rounds(block), block.toLong(), 2)
    }
}

@OptIn(DelicateAudioApi::class)
private fun measureEmpty(block: Int, calls: NativeCalls): Double = floor(calls, block, null, { EmptyUpcall.handle }) {
    object : PaShapedCallback {
        override fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int = 0
    }
}

/**
 * The real driver, built by reflection: `CallbackDriver` and `RealtimeEndpoint`'s constructor
 * are internal to their modules (public in bytecode).
 */
@OptIn(DelicateAudioApi::class)
private fun measureDriver(block: Int, calls: NativeCalls): Double {
    val endpoint = RealtimeEndpoint::class.java
        .getDeclaredConstructor(Int::class.java, Int::class.java, Int::class.java, Int::class.java)
        .newInstance(0, 2, CALLS_PER_ROUND_FRAMES.toInt(), 48_000)
    val driverClass = Class.forName("dev.audioflow.portaudio.internal.CallbackDriver")
    val driver = driverClass
        .getDeclaredConstructor(RealtimeEndpoint::class.java, SampleFormat::class.java, Int::class.java, Int::class.java, NativeCalls::class.java)
        .newInstance(endpoint, SampleFormat.FLOAT32, block, 48_000, calls)
    val ring = endpoint.outputRing!!
    val samples = FloatArray(ring.capacityFrames * ring.channels) { 0.25f }
    val refill = object : RefillCallback {
        override fun invoke() {
            ring.write(samples, 0, ring.freeFrames())
        }
    }
    val nanos = floor(calls, block, refill, { driverClass.getMethod("upcallTarget").invoke(driver) as MethodHandle }) {
        driverClass.getMethod("getJnaCallback").invoke(driver) as Callback
    }
    val expected = 2 * rounds(block) * CALLS_PER_ROUND_FRAMES
    check(endpoint.framesRendered == expected) { "the driver rendered ${endpoint.framesRendered} frames from the ring, not $expected" }
    return nanos
}
