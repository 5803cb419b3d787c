package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: where threads run, for [dev.audioflow.StreamThreadPlacement]: which CPU the
 * calling thread is on now, pinning the calling thread to one CPU and letting it go again. A native backend provides
 * one (`dev.audioflow.spi.jna.NativeCalls.threadPlacement`: `sched_getcpu` and
 * `sched_setaffinity` on Linux) and hands it to [RealtimeEndpoint.colocateStreamThread]; the
 * endpoint then reads the audio thread's CPU every few cycles and the stream thread follows it.
 *
 * Thread: [currentCpu] is called on the native audio thread and must not allocate, lock, block
 * or throw; [pinCurrentThread] and [unpinCurrentThread] on the stream thread (not realtime: they
 * may allocate and make a system call). Implementations are stateless and thread-safe.
 *
 * ```
 * calls.threadPlacement?.let { endpoint.colocateStreamThread(it, StreamThreadPlacement.of(config)) }
 * ```
 */
@DelicateAudioApi
public interface ThreadPlacement {
    /** Realtime: the CPU the calling thread runs on now, or -1 when that cannot be told. */
    public fun currentCpu(): Int

    /**
     * Pins the calling thread to [cpu] alone; false (and the thread as it was) when the system
     * refused, for example because [cpu] is outside the process's CPU set.
     */
    public fun pinCurrentThread(cpu: Int): Boolean

    /**
     * Lets the calling thread run on every CPU the process may use again (the CPU set of the
     * process's main thread); false (and the thread as it was) when the system refused.
     */
    public fun unpinCurrentThread(): Boolean
}
