package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat

/**
 * Where each output channel of [mapChannels] comes from: an input channel, or explicit silence.
 *
 * Output channel `o` is [entries]`[o]`; input channels may be repeated, dropped or reordered
 * (like python-sounddevice's `mapping`, but 0-based and with silence spelled out). An immutable
 * value, safe to share between threads.
 *
 * ```
 * ChannelMap.inputs(1, 0)                                                 // swap left and right
 * ChannelMap.builder().input(0).input(1).silence(2).build()               // stereo into the front pair of 4 channels
 * ChannelMap.of(ChannelMap.input(0), ChannelMap.silence())                // mono on the left only
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when built with no
 *   entries or more than [AudioFormat.MAX_CHANNELS].
 */
public class ChannelMap private constructor(
    /** One entry per output channel, in order. */
    public val entries: List<Entry>,
) {
    init {
        AudioException.require(entries.size in 1..AudioFormat.MAX_CHANNELS) {
            "ChannelMap must have 1..${AudioFormat.MAX_CHANNELS} entries, had ${entries.size}"
        }
    }

    /** The entries as input channel numbers, [SILENT] for silence: the form the copy loop reads. */
    private val sources = IntArray(entries.size) { (entries[it] as? Entry.Input)?.channel ?: SILENT }

    /** The number of output channels. */
    public val channels: Int get() = entries.size

    /**
     * [frames] frames of [samples] (interleaved, [inputChannels] channels) rearranged into a new
     * array of [channels] channels.
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] naming the first
     *   entry whose input channel is not below [inputChannels].
     */
    internal fun remap(samples: FloatArray, frames: Int, inputChannels: Int): FloatArray {
        sources.forEachIndexed { o, c ->
            AudioException.require(c < inputChannels) { "ChannelMap entry #$o is input $c but the input has only $inputChannels channels" }
        }
        val outCh = sources.size
        val out = FloatArray(frames * outCh)
        for (o in 0 until outCh) {
            val c = sources[o]
            if (c == SILENT) continue
            var s = c
            var d = o
            repeat(frames) {
                out[d] = samples[s]
                s += inputChannels
                d += outCh
            }
        }
        return out
    }

    override fun equals(other: Any?): Boolean = other is ChannelMap && other.entries == entries

    override fun hashCode(): Int = entries.hashCode()

    override fun toString(): String = entries.joinToString(prefix = "ChannelMap[", postfix = "]")

    /** One output channel's source. */
    public sealed interface Entry {
        /**
         * The output channel copies input channel [channel].
         *
         * ```
         * ChannelMap.of(ChannelMap.Entry.Input(1), ChannelMap.Entry.Input(0))   // swap a pair
         * ```
         *
         * @property channel the input channel, 0-based.
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative
         *   [channel] or one not below [AudioFormat.MAX_CHANNELS].
         */
        public class Input(public val channel: Int) : Entry {
            init {
                AudioException.require(channel in 0 until AudioFormat.MAX_CHANNELS) {
                    "ChannelMap input channel must be in 0..${AudioFormat.MAX_CHANNELS - 1}, was $channel"
                }
            }

            override fun equals(other: Any?): Boolean = other is Input && other.channel == channel

            override fun hashCode(): Int = channel

            override fun toString(): String = "input $channel"
        }

        /**
         * The output channel is silent (all zeros); from Java, [ChannelMap.silence].
         *
         * ```
         * ChannelMap.of(ChannelMap.Entry.Input(0), ChannelMap.Entry.Silence)   // mono on the left only
         * ```
         */
        public object Silence : Entry {
            override fun toString(): String = "silence"
        }
    }

    /**
     * Collects entries in output-channel order; not thread-safe, one builder per map.
     *
     * ```
     * val frontPair = ChannelMap.builder().inputs(0, 1).silence(4).build()   // stereo into 5.1
     * ```
     */
    public class Builder internal constructor() {
        private val entries = ArrayList<Entry>()

        /**
         * Appends an output channel that copies input [channel].
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [channel].
         */
        public fun input(channel: Int): Builder = apply { entries += Entry.Input(channel) }

        /**
         * Appends one output channel per input channel in [channels], in that order.
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative channel.
         */
        public fun inputs(vararg channels: Int): Builder = apply { channels.forEach { input(it) } }

        /**
         * Appends [count] silent output channels (one when omitted).
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [count].
         */
        @JvmOverloads
        public fun silence(count: Int = 1): Builder = apply {
            AudioException.require(count >= 0) { "ChannelMap silence count must be >= 0, was $count" }
            repeat(count) { entries += Entry.Silence }
        }

        /**
         * The map of the entries appended so far.
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no entries
         *   or more than [AudioFormat.MAX_CHANNELS].
         */
        public fun build(): ChannelMap = ChannelMap(entries.toList())
    }

    /** Factories; static in Java (`ChannelMap.of(...)`). */
    public companion object {
        private const val SILENT = -1

        /**
         * The map whose output channel `o` is [entries]`[o]`.
         *
         * ```
         * ChannelMap.of(ChannelMap.input(1), ChannelMap.silence(), ChannelMap.input(0))
         * ```
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no entries or
         *   more than [AudioFormat.MAX_CHANNELS].
         */
        @JvmStatic
        public fun of(vararg entries: Entry): ChannelMap = ChannelMap(entries.toList())

        /**
         * The map of a list of [entries]; see the vararg [of].
         *
         * ```
         * ChannelMap.of(List(4) { if (it == 2) ChannelMap.input(0) else ChannelMap.silence() })
         * ```
         */
        @JvmStatic
        public fun of(entries: List<Entry>): ChannelMap = ChannelMap(entries.toList())

        /**
         * The map that copies input [channels] in that order, with no silence: a selection or
         * reordering.
         *
         * ```
         * ChannelMap.inputs(2, 3)   // the third and fourth channels of an interface, as a pair
         * ```
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no channels,
         *   more than [AudioFormat.MAX_CHANNELS], or a negative channel, naming it.
         */
        @JvmStatic
        public fun inputs(vararg channels: Int): ChannelMap = builder().inputs(*channels).build()

        /**
         * An entry that copies input [channel]; see [Entry.Input].
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [channel].
         */
        @JvmStatic
        public fun input(channel: Int): Entry = Entry.Input(channel)

        /** A silent entry; see [Entry.Silence]. */
        @JvmStatic
        public fun silence(): Entry.Silence = Entry.Silence

        /** An empty [Builder]. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }
}
