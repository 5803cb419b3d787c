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
 * Sums [inputs], each scaled by its [MixInput.gain], sample by sample, aligned by `frameIndex`.
 *
 * The flows are collected concurrently, each in a child coroutine of the collector that may run
 * up to 64 blocks ahead (generators produce in bursts, which keeps coroutine switches rare;
 * live inputs are only read as fast as they deliver). They may use different block sizes;
 * output blocks are as long as the longest current input block. A flow whose first block
 * starts later than the others contributes silence until its start; a flow that ends early
 * simply stops contributing, and the mix completes when all have ended. Every input block's
 * status is carried by the output block containing its first frame. No clipping: follow with
 * [clip] if needed.
 *
 * ```
 * mix(sine(440.0, fmt) withGain 0.5f, sine(660.0, fmt) withGain 0.25f).playOn(speaker)
 * ```
 *
 * Thread: collector's context plus one child coroutine per input; never blocks. An exception in
 * any input cancels the others and fails the mix.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no inputs, and (on
 *   collection) for an input whose channel count or sample rate differs from the first one's.
 */
public fun mix(vararg inputs: MixInput): Flow<FloatBlock> = mix(inputs.asList())

/**
 * Sums the [inputs] of a list, each scaled by its gain; see the vararg [mix].
 *
 * ```
 * mix(voices.map { it withGain 0.2f })
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an empty list.
 */
public fun mix(inputs: List<MixInput>): Flow<FloatBlock> {
    AudioException.require(inputs.isNotEmpty()) { "mix needs at least one input, had none" }
    val sources = inputs.toList()
    return flow {
        coroutineScope {
            val mixing = sources.mapIndexed { i, input -> MixSource(i, input.flow.buffer(MIX_BUFFER_BLOCKS).produceIn(this), input.gain) }
            try {
                mixInto(mixing) { emit(it) }
            } finally {
                mixing.forEach { it.channel.cancel() }
            }
        }
    }
}

/**
 * Sums [flows] at unity gain; see the [MixInput] form for per-input gains.
 *
 * ```
 * mix(sine(220.0, fmt), sine(330.0, fmt)).gain(0.3f)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no flows, and (on
 *   collection) for a flow whose format differs.
 */
public fun mix(vararg flows: Flow<FloatBlock>): Flow<FloatBlock> = mix(flows.asList())

/**
 * Sums the [flows] of a list at unity gain; see [mix].
 *
 * ```
 * mix(voices.map { it.pan(0.5f) })
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an empty list.
 */
@JvmName("mixFlows")
public fun mix(flows: List<Flow<FloatBlock>>): Flow<FloatBlock> {
    AudioException.require(flows.isNotEmpty()) { "mix needs at least one flow, had none" }
    return mix(flows.map { MixInput(it) })
}

/**
 * This flow at unity gain plus [other] scaled by its own gain; see [mix].
 *
 * ```
 * voice.mixWith(music withGain 0.3f)
 * ```
 */
public fun Flow<FloatBlock>.mixWith(other: MixInput): Flow<FloatBlock> = mix(MixInput(this), other)

/**
 * This flow plus [other], both at unity gain; see [mix].
 *
 * ```
 * left.mixWith(right).gain(0.5f)
 * ```
 */
public fun Flow<FloatBlock>.mixWith(other: Flow<FloatBlock>): Flow<FloatBlock> = mix(this, other)

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
