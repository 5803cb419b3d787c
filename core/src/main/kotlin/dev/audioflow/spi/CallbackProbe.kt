package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import java.lang.management.ManagementFactory

/**
 * Measures what a native callback allocates, from inside the callback, so tests can prove the
 * realtime path allocates nothing.
 *
 * Backends call [enter] at the top of their callback and [exit] at the bottom. While disarmed
 * (always, outside tests) the pair costs one volatile read and one plain read, and writes nothing. While [arm]ed, they read the
 * current thread's allocated-bytes counter (HotSpot's `ThreadMXBean`, itself allocation-free)
 * and accumulate the difference, so [allocatedBytes] after N [cycles] is exactly what the
 * callback bodies allocated. One callback thread at a time; [enter]/[exit] never throw.
 */
@DelicateAudioApi
public object CallbackProbe {
    private val bean = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    @Volatile private var armed = false
    private var startBytes = 0L
    private var entered = false

    /** Bytes allocated inside probed callbacks since [arm]. */
    @JvmStatic @Volatile public var allocatedBytes: Long = 0; private set

    /** Probed callbacks completed since [arm]. */
    @JvmStatic @Volatile public var cycles: Long = 0; private set

    /** Index (0-based, counted from [arm]) of the first probed callback that allocated, or -1 while none has. */
    @JvmStatic @Volatile public var firstAllocatingCycle: Long = -1; private set

    /** Bytes that [firstAllocatingCycle] allocated, 0 while none has: tells one first-time event from a steady leak. */
    @JvmStatic @Volatile public var firstAllocationBytes: Long = 0; private set

    /** Probed callbacks that allocated since [arm]. */
    @JvmStatic @Volatile public var allocatingCycles: Long = 0; private set

    /** Resets the totals and starts measuring. */
    @JvmStatic public fun arm() {
        allocatedBytes = 0
        cycles = 0
        firstAllocatingCycle = -1
        firstAllocationBytes = 0
        allocatingCycles = 0
        bean.isThreadAllocatedMemoryEnabled = true
        armed = true
    }

    /** Stops measuring; totals stay readable. */
    @JvmStatic public fun disarm() {
        armed = false
    }

    /** Top of a callback. */
    @JvmStatic public fun enter() {
        if (!armed) return
        entered = true
        startBytes = bean.currentThreadAllocatedBytes
    }

    /** Bottom of a callback. */
    @JvmStatic public fun exit() {
        if (!entered) return
        entered = false
        val delta = bean.currentThreadAllocatedBytes - startBytes
        if (delta != 0L) {
            if (firstAllocatingCycle < 0) {
                firstAllocatingCycle = cycles
                firstAllocationBytes = delta
            }
            allocatingCycles++
        }
        allocatedBytes += delta
        cycles++
    }
}
