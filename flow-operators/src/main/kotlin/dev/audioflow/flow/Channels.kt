@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.sin
import kotlin.math.sqrt

/**
 * Rearranges channels: output channel `o` is input channel `mapping[o]`, or silence where the
 * entry is -1 (like python-sounddevice's `mapping`, but 0-based). Channels may be repeated,
 * dropped or reordered; the output has `mapping.size` channels.
 *
 * ```
 * stereo.mapChannels(intArrayOf(1, 0))          // swap left and right
 * stereo.mapChannels(intArrayOf(0, 1, -1, -1))  // stereo into the front pair of a 4-channel device
 * ```
 *
 * Thread: collector's context; never blocks. Status, `frameIndex` and timestamp pass unchanged.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for an empty mapping or
 *   an entry below -1 (at call time), and for an entry not below the input's channel count (on
 *   collection); the message names the entry.
 */
public fun Flow<FloatBlock>.mapChannels(mapping: IntArray): Flow<FloatBlock> {
    AudioException.require(mapping.size in 1..AudioFormat.MAX_CHANNELS) {
        "mapping must have 1..${AudioFormat.MAX_CHANNELS} entries, had ${mapping.size}"
    }
    mapping.forEachIndexed { o, c -> AudioException.require(c >= -1) { "mapping[$o] must be >= -1 (-1 = silence), was $c" } }
    val map = mapping.copyOf()
    return map { block ->
        val inCh = block.channels
        map.forEachIndexed { o, c ->
            AudioException.require(c < inCh) { "mapping[$o] = $c but the input has only $inCh channels" }
        }
        val format = if (inCh == map.size) block.format else block.format.withChannels(map.size)
        val outCh = map.size
        val src = block.samples
        val out = FloatArray(block.frames * outCh)
        for (o in 0 until outCh) {
            val c = map[o]
            if (c < 0) continue
            var s = c
            var d = o
            repeat(block.frames) {
                out[d] = src[s]
                s += inCh
                d += outCh
            }
        }
        block.withSamples(out, format)
    }
}

/**
 * Keeps only the given input [channels], in that order.
 *
 * ```
 * interface8ch.selectChannels(2, 3).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no channels, a
 *   negative index, or (on collection) an index not below the input's channel count.
 */
public fun Flow<FloatBlock>.selectChannels(vararg channels: Int): Flow<FloatBlock> {
    channels.forEachIndexed { i, c -> AudioException.require(c >= 0) { "selectChannels channel #$i must be >= 0, was $c" } }
    return mapChannels(channels)
}

/**
 * Averages all channels into one.
 *
 * ```
 * mic.input(stereoConfig).toMono().meter { ... }
 * ```
 */
public fun Flow<FloatBlock>.toMono(): Flow<FloatBlock> = map { block ->
    val ch = block.channels
    if (ch == 1) return@map block
    val src = block.samples
    val out = FloatArray(block.frames)
    val scale = 1f / ch
    for (f in out.indices) {
        var sum = 0f
        val base = f * ch
        for (c in 0 until ch) sum += src[base + c]
        out[f] = sum * scale
    }
    block.withSamples(out, block.format.withChannels(1))
}

/**
 * Mono becomes stereo (the same signal on both channels); stereo passes unchanged.
 *
 * ```
 * sine(440.0, AudioFormat(48_000, 1)).toStereo().playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] (on collection) for
 *   more than two input channels.
 */
public fun Flow<FloatBlock>.toStereo(): Flow<FloatBlock> = upmix(2)

/**
 * Widens to [channels] channels: a mono input is copied to every channel; otherwise the input
 * channels come first and the extra ones are silent. An input that already has [channels]
 * channels passes unchanged.
 *
 * ```
 * stereo.upmix(6)   // 5.1 device with the stereo pair on front left/right
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [channels] outside
 *   1..[AudioFormat.MAX_CHANNELS], and (on collection) when the input has more channels.
 */
public fun Flow<FloatBlock>.upmix(channels: Int): Flow<FloatBlock> {
    AudioException.require(channels in 1..AudioFormat.MAX_CHANNELS) {
        "upmix channels must be in 1..${AudioFormat.MAX_CHANNELS}, was $channels"
    }
    return map { block ->
        val inCh = block.channels
        AudioException.require(inCh <= channels) {
            "upmix($channels) cannot narrow $inCh channels; use toMono() or selectChannels()"
        }
        if (inCh == channels) return@map block
        block.withSamples(widened(block.samples, block.frames, inCh, channels), block.format.withChannels(channels))
    }
}

/** [src] of [inCh] channels widened to [channels]: a mono input copied to all, otherwise padded with silence. */
private fun widened(src: FloatArray, frames: Int, inCh: Int, channels: Int): FloatArray {
    val out = FloatArray(frames * channels)
    if (inCh == 1 && channels == 2) {
        for (f in 0 until frames) {
            val x = src[f]
            out[2 * f] = x
            out[2 * f + 1] = x
        }
    } else if (inCh == 1) {
        var d = 0
        for (f in 0 until frames) {
            val x = src[f]
            repeat(channels) { out[d++] = x }
        }
    } else {
        for (f in 0 until frames) System.arraycopy(src, f * inCh, out, f * channels, inCh)
    }
    return out
}

/**
 * Places the signal in the stereo field with a constant-power law: [position] -1 is hard left,
 * 0 centre, 1 hard right. A mono input becomes stereo with gains `cos θ`, `sin θ`
 * (`θ = (position + 1) π/4`, so the centre is -3 dB on each side and the total power is
 * constant); a stereo input is balanced with gains `√2 cos θ`, `√2 sin θ` (unity at the centre).
 *
 * ```
 * mix(sine(440.0, mono).pan(-0.5f), sine(660.0, mono).pan(0.5f))
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [position] outside
 *   -1..1, and (on collection) for inputs with more than two channels.
 */
public fun Flow<FloatBlock>.pan(position: Float): Flow<FloatBlock> {
    AudioException.require(position.isFinite() && position in -1f..1f) { "pan position must be in -1..1, was $position" }
    val theta = (position + 1.0) * PI / 4
    val left = cos(theta).toFloat()
    val right = sin(theta).toFloat()
    val root2 = sqrt(2.0).toFloat()
    return map { block ->
        val src = block.samples
        when (block.channels) {
            1 -> {
                val out = FloatArray(block.frames * 2)
                for (f in src.indices) {
                    out[2 * f] = src[f] * left
                    out[2 * f + 1] = src[f] * right
                }
                block.withSamples(out, block.format.withChannels(2))
            }
            2 -> {
                val out = FloatArray(src.size)
                for (f in 0 until block.frames) {
                    out[2 * f] = src[2 * f] * left * root2
                    out[2 * f + 1] = src[2 * f + 1] * right * root2
                }
                block.withSamples(out)
            }
            else -> invalidArgument("pan needs a mono or stereo input, had ${block.channels} channels")
        }
    }
}

/**
 * Combines mono flows into one multi-channel flow: flow `i` becomes channel `i`. Frames are
 * aligned by `frameIndex` and the flows may use different block sizes, as in [mix]; a flow that
 * ends early leaves its channel silent until all have ended.
 *
 * ```
 * interleave(leftMic, rightMic).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no flows, and (on
 *   collection) for a flow that is not mono or whose sample rate differs.
 */
public fun interleave(vararg monoFlows: Flow<FloatBlock>): Flow<FloatBlock> {
    AudioException.require(monoFlows.size in 1..AudioFormat.MAX_CHANNELS) {
        "interleave needs 1..${AudioFormat.MAX_CHANNELS} flows, had ${monoFlows.size}"
    }
    val n = monoFlows.size
    return mix(
        monoFlows.mapIndexed { i, flow ->
            flow.map { block ->
                AudioException.require(block.channels == 1) { "interleave flow #$i must be mono, had ${block.channels} channels" }
                block
            }.mapChannels(IntArray(n) { if (it == i) 0 else -1 })
        },
    )
}

/**
 * One mono flow per channel of this [channels]-channel flow, each a cold view that collects the
 * upstream on its own. To split a live input without opening the device once per channel,
 * share it first (see [tee] and [fanOut]).
 *
 * ```
 * val (left, right) = wavFile(path).splitChannels(2)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [channels] outside
 *   1..[AudioFormat.MAX_CHANNELS], and (on collection) when the flow has another channel count.
 */
public fun Flow<FloatBlock>.splitChannels(channels: Int): List<Flow<FloatBlock>> {
    AudioException.require(channels in 1..AudioFormat.MAX_CHANNELS) {
        "splitChannels channels must be in 1..${AudioFormat.MAX_CHANNELS}, was $channels"
    }
    val checked = map { block ->
        AudioException.require(block.channels == channels) { "splitChannels($channels) got a block with ${block.channels} channels" }
        block
    }
    return List(channels) { c -> checked.selectChannels(c) }
}
