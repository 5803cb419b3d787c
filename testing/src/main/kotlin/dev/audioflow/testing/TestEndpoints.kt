package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.RealtimeEndpoint

/**
 * [RealtimeEndpoint]s for tests of backend plumbing outside a stream: its constructor is
 * internal to core (the stream lifecycle creates one per stream), so this calls it reflectively.
 *
 * Thread-safe; not realtime.
 *
 * ```
 * val endpoint = TestEndpoints.create(inputChannels = 0, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
 * ```
 */
@DelicateAudioApi
public object TestEndpoints {
    /** A new endpoint with rings of at least [ringFrames] frames, as core's lifecycle would create for a stream. */
    @JvmStatic
    public fun create(inputChannels: Int, outputChannels: Int, ringFrames: Int, sampleRate: Int): RealtimeEndpoint =
        RealtimeEndpoint::class.java
            .getDeclaredConstructor(Int::class.java, Int::class.java, Int::class.java, Int::class.java)
            .newInstance(inputChannels, outputChannels, ringFrames, sampleRate)

    /**
     * Marks [endpoint]'s output as armed, as the stream's coroutine side does once real output
     * is queued: from then on a cycle that finds the output ring short counts an underflow.
     */
    @JvmStatic
    public fun armOutput(endpoint: RealtimeEndpoint) {
        RealtimeEndpoint::class.java.getDeclaredField("outputArmed").apply { isAccessible = true }.setBoolean(endpoint, true)
    }
}
