package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.util.SplittableRandom
import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.sin

/** Block sizes and channel counts every operator family is exercised with. */
val BLOCK_SIZES = listOf(1, 3, 64, 256, 1000)
val CHANNEL_COUNTS = listOf(1, 2, 6)

/** One data-driven case: input block size and channel count. */
data class Shape(val blockFrames: Int, val channels: Int) {
    override fun toString(): String = "block=$blockFrames ch=$channels"
}

val SHAPES: List<Shape> = BLOCK_SIZES.flatMap { b -> CHANNEL_COUNTS.map { c -> Shape(b, c) } }

/** A deterministic, position-dependent sample: distinct per frame and channel, in -0.5..0.5. */
fun testSample(frame: Long, channel: Int): Float = ((frame * 7919 + channel * 104_729) % 1000) / 1000f - 0.5f

/** [frames] frames of [testSample] as interleaved samples. */
fun testSamples(frames: Int, channels: Int, start: Long = 0): FloatArray =
    FloatArray(frames * channels) { testSample(start + it / channels, it % channels) }

/**
 * [frames] frames of [testSample] in blocks of [blockFrames], starting at [startIndex]; the
 * block numbers in [flagged] carry [status].
 */
fun testFlow(
    frames: Int,
    format: AudioFormat,
    blockFrames: Int,
    startIndex: Long = 0,
    flagged: Set<Int> = emptySet(),
    status: BlockStatus = BlockStatus.of(inputOverflow = true, droppedFrames = 5),
): Flow<FloatBlock> = flow {
    var done = 0
    var number = 0
    while (done < frames) {
        val n = minOf(blockFrames, frames - done)
        val s = if (number in flagged) status else BlockStatus.CLEAR
        emit(FloatBlock(format, testSamples(n, format.channels, startIndex + done), startIndex + done, status = s))
        done += n
        number++
    }
}

/** Random interleaved samples in -1..1. */
fun randomSamples(frames: Int, channels: Int, seed: Long): FloatArray {
    val random = SplittableRandom(seed)
    return FloatArray(frames * channels) { (random.nextDouble() * 2 - 1).toFloat() }
}

/** Blocks of random sizes 1..[maxBlock] covering [samples]. */
fun randomBlocks(samples: FloatArray, format: AudioFormat, maxBlock: Int, seed: Long): Flow<FloatBlock> = flow {
    val random = SplittableRandom(seed)
    val ch = format.channels
    val total = samples.size / ch
    var done = 0
    while (done < total) {
        val n = minOf(1 + random.nextInt(maxBlock), total - done)
        emit(FloatBlock(format, samples.copyOfRange(done * ch, (done + n) * ch), done.toLong()))
        done += n
    }
}

/** Collects without virtual time (for flows with no delays). */
fun <T> Flow<T>.collectBlocking(): List<T> = runBlocking { toList() }

/** All samples of [blocks], concatenated. */
fun samplesOf(blocks: List<FloatBlock>): FloatArray {
    val out = FloatArray(blocks.sumOf { it.samples.size })
    var i = 0
    for (b in blocks) {
        System.arraycopy(b.samples, 0, out, i, b.samples.size)
        i += b.samples.size
    }
    return out
}

/** Fails, naming the first block out of place, unless each block starts where the previous one ended, the first at [start]. */
fun List<FloatBlock>.shouldBeContiguous(start: Long = 0) {
    var expected = start
    forEachIndexed { i, b ->
        if (b.frameIndex != expected) {
            io.kotest.assertions.fail("block $i starts at frame ${b.frameIndex}, expected $expected; (frameIndex, frames) of the blocks: ${map { it.frameIndex to it.frames }}")
        }
        expected = b.endFrameIndex
    }
}

/** The block containing frame [frame]. */
fun List<FloatBlock>.blockAt(frame: Long): FloatBlock = first { frame >= it.frameIndex && frame < it.endFrameIndex }

/** Root mean square of channel [channel] of interleaved [samples]. */
fun rms(samples: FloatArray, channels: Int = 1, channel: Int = 0): Double {
    var sum = 0.0
    var n = 0
    var i = channel
    while (i < samples.size) {
        sum += samples[i].toDouble() * samples[i]
        n++
        i += channels
    }
    return kotlin.math.sqrt(sum / maxOf(1, n))
}

/** Fails unless this is within [tolerance] of [expected]. */
fun Float.shouldBeNear(expected: Float, tolerance: Float) {
    if (!(kotlin.math.abs(this - expected) <= tolerance)) io.kotest.assertions.fail("expected $expected ± $tolerance but was $this")
}

/** Fails unless this is within [tolerance] of [expected]. */
fun Double.shouldBeNear(expected: Double, tolerance: Double) {
    if (!(kotlin.math.abs(this - expected) <= tolerance)) io.kotest.assertions.fail("expected $expected ± $tolerance but was $this")
}

/** Power in `[low, high)` Hz of [x] at [rate]: Welch average of Hann-windowed 4096-point periodograms. */
fun bandPower(x: FloatArray, rate: Int, low: Double, high: Double): Double {
    val n = 4096
    var total = 0.0
    var segments = 0
    var start = 0
    while (start + n <= x.size) {
        val re = DoubleArray(n) { x[start + it] * (0.5 - 0.5 * cos(2 * PI * it / n)) }
        val im = DoubleArray(n)
        fft(re, im)
        for (k in 1 until n / 2) {
            val f = k.toDouble() * rate / n
            if (f >= low && f < high) total += re[k] * re[k] + im[k] * im[k]
        }
        segments++
        start += n / 2
    }
    return total / segments
}

/** In-place iterative radix-2 FFT. */
fun fft(re: DoubleArray, im: DoubleArray) {
    val n = re.size
    var j = 0
    for (i in 1 until n) {
        var bit = n shr 1
        while (j and bit != 0) {
            j = j xor bit
            bit = bit shr 1
        }
        j = j xor bit
        if (i < j) {
            re[i] = re[j].also { re[j] = re[i] }
            im[i] = im[j].also { im[j] = im[i] }
        }
    }
    var length = 2
    while (length <= n) {
        val angle = -2 * PI / length
        for (i in 0 until n step length) {
            for (k in 0 until length / 2) {
                val wr = cos(angle * k)
                val wi = sin(angle * k)
                val ar = re[i + k + length / 2] * wr - im[i + k + length / 2] * wi
                val ai = re[i + k + length / 2] * wi + im[i + k + length / 2] * wr
                re[i + k + length / 2] = re[i + k] - ar
                im[i + k + length / 2] = im[i + k] - ai
                re[i + k] += ar
                im[i + k] += ai
            }
        }
        length *= 2
    }
}

/** Sign changes in [x] (channel 0 of [channels]). */
fun zeroCrossings(x: FloatArray, channels: Int = 1): Int {
    var count = 0
    for (i in channels until x.size step channels) if ((x[i] >= 0f) != (x[i - channels] >= 0f)) count++
    return count
}
