package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.CallbackProbe
import dev.audioflow.spi.ReleaseCounter
import kotlinx.coroutines.delay
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType

/** Work done on JACK's process thread each cycle. Implementations follow the realtime rule. */
internal abstract class RtProcessor {
    /** One cycle of [frames] frames whose first frame is [cycleFrame] on JACK's frame clock. Never throws. */
    abstract fun process(frames: Int, cycleFrame: Long)
}

/**
 * The client's one process callback: runs every attached [RtProcessor] in order. libjack calls
 * [invoke], on the JNA path through this object as a JNA callback, on the FFM path through an
 * upcall stub made from [upcallTarget]; per-cycle libjack calls go through [calls], the client's
 * path too.
 *
 * The set of processors is an immutable array swapped by [attach]/[detach] (copy on write,
 * under this object's monitor on the non-realtime side only); the process thread reads the
 * current array through a volatile field, so it never locks or allocates. [detach] waits until
 * the process thread can no longer be inside a removed processor.
 */
@OptIn(DelicateAudioApi::class)
internal class ProcessDispatcher(private val client: Long, val calls: ProcessCalls) : ProcessCallback {
    @Volatile private var processors: Array<RtProcessor> = EMPTY

    // Written only by the process thread. [entered] takes a volatile store: it must be visible
    // before the thread reads [processors] (a store-load order a release store does not give),
    // or [detach] could see no cycle in flight while one is about to run a removed processor.
    // [exited] needs only release order, so it takes the cheaper release store.
    @Volatile private var entered = 0L
    private val exited = ReleaseCounter()

    /** Set before JACK stops the process thread: cycles return at once, so the thread spends as little time as possible in the JVM. */
    @Volatile var closing: Boolean = false

    /** Process cycles completed. */
    val cycles: Long get() = exited.value

    override fun invoke(frames: Int, arg: Long): Int {
        if (closing) return 0
        CallbackProbe.enter()
        entered += 1
        val current = processors
        if (current.isNotEmpty()) {
            val cycleFrame = calls.lastFrameTime(client).toLong() and 0xFFFF_FFFFL
            for (processor in current) processor.process(frames, cycleFrame)
        }
        exited.increment()
        CallbackProbe.exit()
        return 0
    }

    /** [invoke] as a handle bound to this dispatcher, `(int, long)int` (`JackProcessCallback`), for an FFM upcall stub. */
    fun upcallTarget(): MethodHandle =
        MethodHandles.lookup().findVirtual(ProcessDispatcher::class.java, "invoke", MethodType.methodType(Integer.TYPE, Integer.TYPE, java.lang.Long.TYPE)).bindTo(this)

    fun attach(processor: RtProcessor) {
        synchronized(this) { processors = processors + processor }
    }

    /**
     * Removes [processor] and suspends until the process thread is not running it, or until
     * [timeoutMillis] when the process thread is stuck (server gone mid-cycle).
     */
    suspend fun detach(processor: RtProcessor, timeoutMillis: Long = 2_000) {
        synchronized(this) { processors = processors.filter { it !== processor }.toTypedArray() }
        awaitQuiescence(timeoutMillis)
    }

    /** Suspends until every cycle that might have seen the previous processor array has finished. */
    suspend fun awaitQuiescence(timeoutMillis: Long) {
        val started = entered
        val deadline = System.nanoTime() + timeoutMillis * 1_000_000
        while (exited.value < started && System.nanoTime() < deadline) delay(1)
    }

    /**
     * Blocks until the process thread has completed a cycle after [since] cycles, or
     * [timeoutMillis] passed. JACK stops its process thread with `pthread_cancel`; a thread
     * cancelled while JNA is still attaching it to the JVM (its first callback) takes the JVM
     * down, so a client is not deactivated before its thread has come through once. An interrupt
     * does not cut the wait short, for the same reason: it is kept and set again on return.
     */
    fun awaitCycleAfter(since: Long, timeoutMillis: Long) {
        pollUninterruptibly(timeoutMillis) { exited.value > since }
    }

    private companion object {
        val EMPTY = emptyArray<RtProcessor>()
    }
}
