package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import java.lang.invoke.MethodHandles
import java.lang.invoke.VarHandle

/**
 * Backend SPI: a counter one thread writes (a realtime callback) and any thread reads. Each new
 * value is published with a release store, which on x86 and ARM is a plain store, where a
 * volatile store would cost a full fence on every callback; readers get it with a volatile read,
 * so they see it, and everything the writer did before it, promptly.
 *
 * Realtime: [increment], [add] and [set] allocate nothing and never block. Only one thread may
 * write a counter (they read, then store); any thread may read [value].
 *
 * ```
 * private val underflows = ReleaseCounter()
 * fun onCallback(flags: Long) { if (flags and UNDERFLOW != 0L) underflows.increment() }   // callback thread
 * val inputUnderflows: Long get() = underflows.value                                       // any thread
 * ```
 */
@DelicateAudioApi
public class ReleaseCounter {
    @Volatile private var count: Long = 0

    /** The latest published value. */
    public val value: Long get() = count

    /** Writer only: publishes the value plus one. */
    public fun increment() {
        VALUE.setRelease(this, count + 1)
    }

    /** Writer only: publishes the value plus [delta]. */
    public fun add(delta: Long) {
        VALUE.setRelease(this, count + delta)
    }

    /** Writer only: publishes [newValue]. */
    public fun set(newValue: Long) {
        VALUE.setRelease(this, newValue)
    }

    override fun toString(): String = "ReleaseCounter($count)"

    private companion object {
        // A static final handle, so the JIT turns each store into a plain store.
        @JvmField val VALUE: VarHandle = MethodHandles.privateLookupIn(ReleaseCounter::class.java, MethodHandles.lookup())
            .findVarHandle(ReleaseCounter::class.java, "count", Long::class.javaPrimitiveType)
    }
}
