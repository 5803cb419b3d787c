package dev.audioflow

/**
 * Running totals of one stream, published by the coroutine side (never the native thread) on
 * [StreamMonitor.stats]. Immutable.
 *
 * @property state lifecycle state.
 * @property framesIn frames delivered to the input Flow.
 * @property framesOut frames the device took from the output ring (real data, not silence).
 * @property inputOverflows cycles in which captured frames were dropped (ring full or native overflow).
 * @property droppedFrames captured frames dropped in total.
 * @property outputUnderflows cycles in which the device played silence for missing data.
 * @property silencedFrames frames of silence played for missing data.
 * @property xruns xruns reported by the backend (JACK) or native overflow/underflow flags (PortAudio).
 * @property cycles native callbacks (or virtual driver cycles) so far.
 * @property cpuLoad fraction of the callback's time budget the backend's realtime side uses
 *   (0..1, above 1 when overloaded: PortAudio's stream CPU load, JACK's DSP load, the virtual
 *   driver's own timing), refreshed about ten times a second while the stream runs; NaN when
 *   the backend cannot tell. The one CPU-load unit of the library.
 */
public data class StreamStats(
    public val state: StreamState = StreamState.Idle,
    public val framesIn: Long = 0,
    public val framesOut: Long = 0,
    public val inputOverflows: Long = 0,
    public val droppedFrames: Long = 0,
    public val outputUnderflows: Long = 0,
    public val silencedFrames: Long = 0,
    public val xruns: Long = 0,
    public val cycles: Long = 0,
    public val cpuLoad: Double = Double.NaN,
)
