package dev.audioflow.virtual

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.produceIn

/**
 * What a virtual input device captures. Each stream opened on the device gets its own
 * [VirtualSourceCursor] from [open], so every collection starts from the beginning.
 */
public fun interface VirtualSource {
    /**
     * Starts a new read position for a stream in [format]; [scope] is the stream's scope, for
     * sources that need to run a coroutine (Flow sources).
     */
    public fun open(format: AudioFormat, scope: CoroutineScope): VirtualSourceCursor

    public companion object {
        /** Endless silence. */
        @JvmStatic
        public fun silence(): VirtualSource = VirtualSource { format, _ ->
            VirtualSourceCursor { dst, frames ->
                dst.fill(0f, 0, frames * format.channels)
                frames
            }
        }

        /**
         * An endless sine of [frequency] Hz and peak [amplitude] on every channel, computed
         * exactly (`sin` per frame: a virtual device favours exactness over speed).
         */
        @JvmStatic
        @JvmOverloads
        public fun sine(frequency: Double, amplitude: Float = 0.25f): VirtualSource {
            AudioException.require(frequency.isFinite() && frequency >= 0) { "frequency must be finite and >= 0 Hz, was $frequency" }
            return generator { format, frame, _ -> (amplitude * kotlin.math.sin(2 * Math.PI * frequency * frame / format.sampleRate)).toFloat() }
        }

        /**
         * A source computing each sample from its format, absolute frame and channel; endless.
         */
        @JvmStatic
        public fun generator(sample: SampleGenerator): VirtualSource =
            VirtualSource { format, _ ->
                var position = 0L
                VirtualSourceCursor { dst, frames ->
                    val ch = format.channels
                    for (f in 0 until frames) for (c in 0 until ch) dst[f * ch + c] = sample.sample(format, position + f, c)
                    position += frames
                    frames
                }
            }

        /**
         * The interleaved [samples] (with the stream's channel count), then the end of input;
         * with [loop], repeated forever.
         */
        @JvmStatic
        @JvmOverloads
        public fun samples(samples: FloatArray, loop: Boolean = false): VirtualSource = VirtualSource { format, _ ->
            val ch = format.channels
            AudioException.require(samples.size % ch == 0) { "samples.size ${samples.size} is not a multiple of $ch channels" }
            AudioException.require(!loop || samples.isNotEmpty()) { "cannot loop an empty sample array" }
            val total = samples.size / ch
            var position = 0
            VirtualSourceCursor { dst, frames ->
                var done = 0
                while (done < frames) {
                    if (position == total) {
                        if (!loop) break
                        position = 0
                    }
                    val n = minOf(frames - done, total - position)
                    System.arraycopy(samples, position * ch, dst, done * ch, n * ch)
                    position += n
                    done += n
                }
                done
            }
        }

        /**
         * The blocks of [flow] (collected once per stream, in the stream's scope), then the end
         * of input. Blocks must have the stream's channel count.
         */
        @JvmStatic
        public fun flow(flow: Flow<FloatBlock>): VirtualSource = VirtualSource { format, scope ->
            FlowCursor(format, flow.buffer(4).produceIn(scope))
        }
    }
}

/**
 * Computes one sample of a [VirtualSource.generator] from the stream's format, the absolute
 * frame and the channel; called on the driver's coroutine, once per sample. Java:
 * `VirtualSource.generator((format, frame, channel) -> 0.1f)`.
 */
public fun interface SampleGenerator {
    /** The sample at [frame] of [channel]. */
    public fun sample(format: AudioFormat, frame: Long, channel: Int): Float
}

/**
 * One stream's read position in a [VirtualSource].
 */
public fun interface VirtualSourceCursor {
    /**
     * Writes up to [frames] interleaved frames into [dst] and returns how many it wrote; fewer
     * than [frames] means the source ended after them. Called on the virtual driver's coroutine.
     */
    @JvmSynthetic
    public suspend fun fill(dst: FloatArray, frames: Int): Int
}

private class FlowCursor(private val format: AudioFormat, private val blocks: ReceiveChannel<FloatBlock>) : VirtualSourceCursor {
    private var current: FloatBlock? = null
    private var offset = 0

    override suspend fun fill(dst: FloatArray, frames: Int): Int {
        val ch = format.channels
        var done = 0
        while (done < frames) {
            val block = current?.takeIf { offset < it.frames } ?: (blocks.receiveCatching().getOrNull() ?: break).also {
                AudioException.require(it.channels == ch) { "virtual source block has ${it.channels} channels, the stream has $ch" }
                current = it
                offset = 0
            }
            val n = minOf(frames - done, block.frames - offset)
            System.arraycopy(block.samples, offset * ch, dst, done * ch, n * ch)
            offset += n
            done += n
        }
        return done
    }
}
