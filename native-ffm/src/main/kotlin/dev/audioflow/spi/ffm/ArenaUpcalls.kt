package dev.audioflow.spi.ffm

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.UpcallScope
import java.lang.foreign.Arena
import java.lang.foreign.Linker
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles

/**
 * [UpcallScope] over one shared [Arena]: every stub is allocated in it, and only [close] (the
 * arena's `close`) frees them. A shared arena is not tied to the garbage collector, so a stub
 * whose scope is still open can never be collected, whoever else refers to it; and since the
 * stub holds its target, neither can the Java object it calls.
 *
 * A stub with a thread name first runs [ThreadNamer.ENSURE] (folded in front of the target),
 * the FFM counterpart of JNA's `CallbackThreadInitializer`: the JDK attaches an upcall's native
 * thread as a daemon called `Thread-N`, and this gives it the backend's name on its first call.
 *
 * Thread-safe: [stub] and [close] serialise on this object.
 */
@OptIn(DelicateAudioApi::class)
internal class ArenaUpcalls(private val linker: Linker) : UpcallScope {
    private val arena = Arena.ofShared()
    private var closed = false

    override fun stub(target: MethodHandle, threadName: String?): Long = synchronized(this) {
        check(!closed) { "this upcall scope is closed" }
        val descriptor = CSignatures.of(target.type())
        val entry = if (threadName == null) target else MethodHandles.foldArguments(target, ThreadNamer.ENSURE.bindTo(ThreadNamer(threadName)))
        linker.upcallStub(entry, descriptor, arena).address()
    }

    override fun close(): Unit = synchronized(this) {
        if (closed) return
        closed = true
        arena.close()
    }

    override fun toString(): String = "ArenaUpcalls(${if (closed) "closed" else "open"})"
}
