@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.produceIn

/**
 * Sums [flows], each scaled by its entry in [gains] (1 for all when null), sample by sample,
 * aligned by `frameIndex`.
 *
 * The flows are collected concurrently, each in a child coroutine of the collector that may run
 * up to 64 blocks ahead (generators produce in bursts, which keeps coroutine switches rare;
 * live inputs are only read as fast as they deliver). They may use different block sizes; output blocks are as long as the
 * longest current input block. A flow whose first block starts later than the others
 * contributes silence until its start; a flow that ends early simply stops contributing, and
 * the mix completes when all have ended. Every input block's status is carried by the output
 * block containing its first frame. No clipping: follow with [clip] if needed.
 *
 * ```
 * mix(sine(440.0, fmt), sine(660.0, fmt), gains = floatArrayOf(0.5f, 0.25f)).playOn(speaker)
 * ```
 *
 * Thread: collector's context plus one child coroutine per flow; never blocks. An exception in
 * any input cancels the others and fails the mix.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no flows, a
 *   [gains] array of the wrong size or with non-finite values, and (on collection) for inputs
 *   whose channel count or sample rate differ.
 */
public fun mix(vararg flows: Flow<FloatBlock>, gains: FloatArray? = null): Flow<FloatBlock> = mix(flows.toList(), gains)

/**
 * Sums the [flows] of a list; see the vararg [mix].
 *
 * ```
 * mix(voices.map { it.gain(0.2f) })
 * ```
 */
public fun mix(flows: List<Flow<FloatBlock>>, gains: FloatArray? = null): Flow<FloatBlock> {
    AudioException.require(flows.isNotEmpty()) { "mix needs at least one flow, had none" }
    if (gains != null) {
        AudioException.require(gains.size == flows.size) { "mix gains has ${gains.size} entries for ${flows.size} flows" }
        gains.forEachIndexed { i, g -> AudioException.require(g.isFinite()) { "mix gains[$i] must be finite, was $g" } }
    }
    val factors = gains?.copyOf() ?: FloatArray(flows.size) { 1f }
    val inputs = flows.toList()
    return flow {
        coroutineScope {
            val sources = inputs.mapIndexed { i, f -> MixSource(i, f.buffer(MIX_BUFFER_BLOCKS).produceIn(this), factors[i]) }
            try {
                mixInto(sources) { emit(it) }
            } finally {
                sources.forEach { it.channel.cancel() }
            }
        }
    }
}

/**
 * This flow plus [other], scaled by [gain] and [otherGain]; see [mix].
 *
 * ```
 * voice.mixWith(music, otherGain = 0.3f)
 * ```
 */
public fun Flow<FloatBlock>.mixWith(other: Flow<FloatBlock>, gain: Float = 1f, otherGain: Float = 1f): Flow<FloatBlock> =
    mix(listOf(this, other), floatArrayOf(gain, otherGain))

private const val MIX_BUFFER_BLOCKS = 64

private suspend fun mixInto(sources: List<MixSource>, emit: suspend (FloatBlock) -> Unit) {
    var format: AudioFormat? = null
    var position = Long.MAX_VALUE
    for (s in sources) {
        val block = s.front() ?: continue
        val known = format ?: block.format.also { format = it }
        s.checkFormat(known, block)
        position = minOf(position, s.position)
    }
    val fmt = format ?: return
    val ch = fmt.channels
    val active = sources.filter { !it.ended }.toMutableList()
    var ended = BlockStatus.CLEAR // statuses of inputs that ended, due on the next output block
    while (true) {
        var frames = 0
        var gap = Int.MAX_VALUE
        var timestamp = -1L
        val iterator = active.iterator()
        while (iterator.hasNext()) {
            val s = iterator.next()
            val block = s.front()
            if (block == null) {
                ended = ended or s.takeCarried()
                iterator.remove()
                continue
            }
            s.checkFormat(fmt, block)
            if (s.position <= position) {
                frames = maxOf(frames, block.frames - s.offset)
                if (timestamp < 0) timestamp = block.timestampNanos + fmt.nanosOf(s.offset.toLong())
            } else {
                gap = minOf(gap, (s.position - position).toInt())
            }
        }
        if (active.isEmpty()) {
            val leftover = sources.fold(ended) { acc, s -> acc or s.takeCarried() }
            if (!leftover.isClear) emit(FloatBlock(fmt, FloatArray(0), position, fmt.nanosOf(position), leftover))
            return
        }
        if (frames == 0) frames = gap
        val out = FloatArray(frames * ch)
        var status = ended
        ended = BlockStatus.CLEAR
        for (s in active) status = status or (s.addFromCurrent(out, position, frames, ch) ?: s.addInto(out, position, frames, fmt))
        emit(FloatBlock(fmt, out, position, if (timestamp < 0) fmt.nanosOf(position) else timestamp, status))
        position += frames
    }
}

/** One input of a mix: its channel, current block and read offset. */
private class MixSource(val number: Int, val channel: ReceiveChannel<FloatBlock>, private val gain: Float) {
    private var current: FloatBlock? = null
    var offset: Int = 0
        private set
    var ended: Boolean = false
        private set

    /** Stream position of the next unread frame. */
    var position: Long = -1
        private set
    private var carried = BlockStatus.CLEAR

    /** The block holding the next unread frame (receiving as needed), or null once this input has ended. */
    suspend fun front(): FloatBlock? {
        val block = current
        return if (block != null && offset < block.frames) block else receiveFront()
    }

    private suspend fun receiveFront(): FloatBlock? {
        while (true) {
            val block = current
            if (block != null && offset < block.frames) return block
            if (ended) return null
            val next = channel.receiveCatching().getOrNull()
            if (next == null) {
                ended = true
                current = null
                return null
            }
            if (position < 0) position = next.frameIndex
            current = next
            offset = 0
            if (next.frames == 0) carried = carried or next.status
        }
    }

    fun checkFormat(format: AudioFormat, block: FloatBlock) {
        AudioException.require(block.channels == format.channels && block.sampleRate == format.sampleRate) {
            "mix input #$number has format ${block.format}, the first input has $format"
        }
    }

    fun takeCarried(): BlockStatus = carried.also { carried = BlockStatus.CLEAR }

    /**
     * The common case of [addInto] without suspending: when the current block holds all of
     * `[start, start + frames)`, adds it and returns the statuses due; otherwise null.
     */
    fun addFromCurrent(out: FloatArray, start: Long, frames: Int, ch: Int): BlockStatus? {
        val block = current
        if (block == null || position != start || block.frames - offset < frames) return null
        val status = if (offset == 0) block.status or takeCarried() else takeCarried()
        accumulate(block.samples, offset * ch, out, 0, frames * ch, gain)
        offset += frames
        position += frames
        return status
    }

    /**
     * Adds this input's frames in `[start, start + frames)` into [out] (scaled by the gain),
     * consuming them, and returns the statuses of the blocks whose first frame it consumed.
     */
    suspend fun addInto(out: FloatArray, start: Long, frames: Int, format: AudioFormat): BlockStatus {
        val ch = format.channels
        var status = takeCarried()
        val end = start + frames
        while (position < end) {
            val block = front() ?: break
            if (offset == 0) status = status or block.status
            val from = maxOf(position, start)
            val n = minOf(block.frames - offset, (end - from).toInt())
            val src = block.samples
            val s = offset * ch
            val d = ((from - start) * ch).toInt()
            accumulate(src, s, out, d, n * ch, gain)
            offset += n
            position += n
            status = status or takeCarried()
        }
        return status
    }
}

/** Adds [count] samples of [src] from [s], times [gain], into [out] from [d]; a plain function so its loop compiles on its own. */
private fun accumulate(src: FloatArray, s: Int, out: FloatArray, d: Int, count: Int, gain: Float) {
    if (gain == 1f) {
        for (k in 0 until count) out[d + k] += src[s + k]
    } else {
        for (k in 0 until count) out[d + k] += src[s + k] * gain
    }
}
