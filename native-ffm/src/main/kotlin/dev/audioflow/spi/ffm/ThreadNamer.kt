package dev.audioflow.spi.ffm

import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType

/**
 * Names the native threads that call one upcall stub: [ensure] renames the calling thread to
 * [name] the first time that thread comes through (and again if another thread takes over), so
 * a thread dump shows `portaudio-callback-3` or `jack-myclient` as on the JNA path.
 *
 * Realtime after the first call of each thread: one reference comparison. The field is plain:
 * a native library calls one stub from one thread at a time, and a stale read merely renames
 * the thread once more.
 */
internal class ThreadNamer(private val name: String) {
    private var named: Thread? = null

    /** Renames the current thread to [name] unless it was the last one renamed. */
    fun ensure() {
        val thread = Thread.currentThread()
        if (thread !== named) {
            thread.name = name
            named = thread
        }
    }

    companion object {
        /** [ensure] as a handle `(ThreadNamer)void`, to bind to an instance and fold in front of a stub's target. */
        val ENSURE: MethodHandle = MethodHandles.lookup().findVirtual(ThreadNamer::class.java, "ensure", MethodType.methodType(Void.TYPE))
    }
}
