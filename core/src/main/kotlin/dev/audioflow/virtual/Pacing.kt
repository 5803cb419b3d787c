package dev.audioflow.virtual

/**
 * How a virtual device's driver spaces its cycles in time.
 */
public enum class Pacing {
    /** One block per block duration of wall-clock time, like a sound card; runs on [kotlinx.coroutines.Dispatchers.Default]. */
    Realtime,

    /**
     * One block per block duration of coroutine time (`delay`), in the collector's dispatcher.
     * Under `runTest` time is virtual, so minutes of audio run in milliseconds,
     * deterministically. Deadlines derive from the frame counter (`frames * 1000 / rate` ms),
     * so they never drift.
     */
    CoroutineTime,

    /**
     * As fast as the consumer goes, with backpressure instead of overflow or underflow: for
     * offline rendering and file conversion. Nothing is ever dropped.
     */
    Unpaced,
}
