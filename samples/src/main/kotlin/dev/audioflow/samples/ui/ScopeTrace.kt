package dev.audioflow.samples.ui

import dev.audioflow.FloatBlock

/**
 * One oscilloscope frame: [frames] interleaved frames of [channels] channels, starting at a rising
 * zero crossing of channel 0 when there was one (so a periodic signal stands still on screen).
 * Immutable once published.
 *
 * @property sampleRate the traced stream's rate in Hz.
 * @property sequence counts traces since the pipeline started.
 */
class ScopeTrace(val channels: Int, val frames: Int, val samples: FloatArray, val triggered: Boolean, val sampleRate: Int, val sequence: Long) {
    /** Sample of [channel] at [frame]. */
    operator fun get(frame: Int, channel: Int): Float = samples[frame * channels + channel]
}

/**
 * Keeps the most recent audio of a stream and cuts a [ScopeTrace] out of it every
 * [publishEveryFrames] frames. Confined to the audio collector that feeds it (not thread-safe);
 * the traces it returns are copies, safe to hand to the UI.
 *
 * @param traceFrames frames per trace.
 */
class ScopeCapture(private val traceFrames: Int, private val publishEveryFrames: Int) {
    private var channels = 0
    private var sampleRate = 0
    private var history = FloatArray(0)
    private var filled = 0
    private var sinceLast = 0
    private var sequence = 0L

    /** Adds [block]; returns a new trace when one is due, else null. */
    fun add(block: FloatBlock): ScopeTrace? {
        val ch = block.channels
        sampleRate = block.sampleRate
        if (ch != channels) {
            channels = ch
            history = FloatArray(2 * traceFrames * ch)
            filled = 0
        }
        append(block.samples, block.frames * ch)
        sinceLast += block.frames
        if (sinceLast < publishEveryFrames || filled < history.size) return null
        sinceLast = 0
        return cut()
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

    /** The trace: from the first rising zero crossing of channel 0 in the older half, else the newest frames. */
    private fun cut(): ScopeTrace {
        val ch = channels
        var start = -1
        for (f in 1 until traceFrames) {
            if (history[(f - 1) * ch] < 0f && history[f * ch] >= 0f) {
                start = f
                break
            }
        }
        val triggered = start >= 0
        if (!triggered) start = traceFrames
        val samples = history.copyOfRange(start * ch, (start + traceFrames) * ch)
        return ScopeTrace(ch, traceFrames, samples, triggered, sampleRate, ++sequence)
    }
}
