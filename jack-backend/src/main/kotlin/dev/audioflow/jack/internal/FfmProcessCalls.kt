package dev.audioflow.jack.internal

import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi
import dev.audioflow.jack.JackBackend
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.spi.jna.NativeCalls
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodType

/**
 * [ProcessCalls] on the FFM path: each libjack function through a critical downcall handle
 * ([FfmJack]), which skips the thread-state transitions a JNI call (JNA) makes; every one of
 * them is a short leaf that never blocks nor calls back.
 */
@OptIn(DelicateAudioApi::class)
internal class FfmProcessCalls(native: NativeCalls) : ProcessCalls(native) {
    override fun portGetBuffer(port: Long, frames: Int): Long = FfmJack.portGetBuffer.invokeExact(port, frames) as Long

    override fun lastFrameTime(client: Long): Int = FfmJack.lastFrameTime.invokeExact(client) as Int

    override fun midiGetEventCount(buffer: Long): Int = FfmJack.midiGetEventCount.invokeExact(buffer) as Int

    override fun midiEventGet(event: Long, buffer: Long, index: Int): Int = FfmJack.midiEventGet.invokeExact(event, buffer, index) as Int

    override fun midiClearBuffer(buffer: Long) {
        FfmJack.midiClearBuffer.invokeExact(buffer) as Unit
    }

    override fun midiEventReserve(buffer: Long, time: Int, size: Long): Long = FfmJack.midiEventReserve.invokeExact(buffer, time, size) as Long
}

/**
 * The downcall handles of [FfmProcessCalls], one per function, in `static final` fields so that
 * the JIT treats each as a constant and inlines `invokeExact` down to the call. Created on first
 * use, which only the FFM path makes; the functions' addresses come from the libjack JNA loaded
 * ([JackLibrary]), so both paths call the same library.
 */
@OptIn(DelicateAudioApi::class)
private object FfmJack {
    private val LONG: Class<*> = java.lang.Long.TYPE
    private val INT: Class<*> = Integer.TYPE

    @JvmField val portGetBuffer: MethodHandle = handle("jack_port_get_buffer", MethodType.methodType(LONG, LONG, INT))

    @JvmField val lastFrameTime: MethodHandle = handle("jack_last_frame_time", MethodType.methodType(INT, LONG))

    @JvmField val midiGetEventCount: MethodHandle = handle("jack_midi_get_event_count", MethodType.methodType(INT, LONG))

    @JvmField val midiEventGet: MethodHandle = handle("jack_midi_event_get", MethodType.methodType(INT, LONG, LONG, INT))

    @JvmField val midiClearBuffer: MethodHandle = handle("jack_midi_clear_buffer", MethodType.methodType(Void.TYPE, LONG))

    @JvmField val midiEventReserve: MethodHandle = handle("jack_midi_event_reserve", MethodType.methodType(LONG, LONG, INT, LONG))

    private fun handle(function: String, type: MethodType): MethodHandle {
        val address = Pointer.nativeValue(JackLibrary.require().getFunction(function))
        return NativeCallPaths.foreign(JackBackend.NAME).downcall(address, type, critical = true)
    }
}
