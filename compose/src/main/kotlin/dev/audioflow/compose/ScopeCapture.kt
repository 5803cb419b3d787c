package dev.audioflow.compose

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock

/**
 * Keeps the most recent audio of a stream and cuts a [ScopeTrace] of [traceFrames] frames out of
 * it every [publishEveryFrames] frames: from the first frame in the older half of what it keeps
 * where [trigger] fires, else (or with a null trigger) the newest frames. The [oscilloscope]
 * operator runs one; use it directly in a collector of your own.
 *
 * Thread: confined to the audio collector that feeds it (not thread-safe); the traces it returns
 * are copies, safe to hand to the UI. [add] never blocks; it allocates only a due trace.
 *
 * ```
 * val capture = ScopeCapture(traceFrames = 1600, publishEveryFrames = 1600)
 * mic.input(config).collect { block -> capture.add(block)?.let { traces.value = it } }
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [traceFrames] or
 *   [publishEveryFrames] outside 1..[MAX_TRACE_FRAMES].
 */
public class ScopeCapture(
    public val traceFrames: Int,
    public val publishEveryFrames: Int,
    public val trigger: ScopeTrigger? = ScopeTrigger(),
) {
    private var channels = 0
    private var history = FloatArray(0)
    private var filled = 0
    private var sinceLast = 0
    private var sequence = 0L

    init {
        AudioException.require(traceFrames in 1..MAX_TRACE_FRAMES) { "scope traceFrames must be in 1..$MAX_TRACE_FRAMES, was $traceFrames" }
        AudioException.require(publishEveryFrames in 1..MAX_TRACE_FRAMES) { "scope publishEveryFrames must be in 1..$MAX_TRACE_FRAMES, was $publishEveryFrames" }
    }

    /** Adds [block]; returns a new trace when one is due, else null. A change of channel count starts afresh. */
    public fun add(block: FloatBlock): ScopeTrace? {
        val ch = block.channels
        if (ch != channels) {
            channels = ch
            history = FloatArray(2 * traceFrames * ch)
            filled = 0
        }
        append(block.samples, block.frames * ch)
        sinceLast += block.frames
        if (sinceLast < publishEveryFrames || filled < history.size) return null
        sinceLast = 0
        return cut(block.sampleRate)
    }

    /** Shifts the history left and appends the newest samples, keeping the last `2 × traceFrames` frames. */
    private fun append(src: FloatArray, count: Int) {
        if (count >= history.size) {
            System.arraycopy(src, count - history.size, history, 0, history.size)
            filled = history.size
            return
        }
        val keep = minOf(filled, history.size - count)
        System.arraycopy(history, filled - keep, history, 0, keep)
        System.arraycopy(src, 0, history, keep, count)
        filled = keep + count
    }

    private fun cut(sampleRate: Int): ScopeTrace {
        val ch = channels
        val fired = triggerFrame()
        val start = fired ?: traceFrames
        val samples = history.copyOfRange(start * ch, (start + traceFrames) * ch)
        return ScopeTrace(ch, samples, triggered = fired != null, sampleRate, ++sequence)
    }

    /** The first frame in 1 until [traceFrames] where the trigger fires, null when it never does. */
    private fun triggerFrame(): Int? {
        val t = trigger ?: return null
        if (t.channel >= channels) return null
        val ch = channels
        for (f in 1 until traceFrames) {
            if (t.firesBetween(history[(f - 1) * ch + t.channel], history[f * ch + t.channel])) return f
        }
        return null
    }

    public companion object {
        /** The longest trace, and the longest publishing interval, in frames. */
        public const val MAX_TRACE_FRAMES: Int = 65_536
    }
}
