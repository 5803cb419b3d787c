package dev.audioflow

import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.DurationUnit
import kotlin.time.toKotlinDuration

/**
 * Sample rate and channel count of interleaved float audio.
 *
 * Validated on construction: [sampleRate] in 1..[MAX_SAMPLE_RATE] Hz and [channels] in
 * 1..[MAX_CHANNELS]; anything else throws [AudioException] of kind
 * [AudioErrorKind.InvalidArgument] naming the value. Immutable and safe to share between threads.
 */
public data class AudioFormat(public val sampleRate: Int, public val channels: Int) {
    init {
        AudioException.require(sampleRate in 1..MAX_SAMPLE_RATE) {
            "sampleRate must be in 1..$MAX_SAMPLE_RATE Hz, was $sampleRate"
        }
        AudioException.require(channels in 1..MAX_CHANNELS) {
            "channels must be in 1..$MAX_CHANNELS, was $channels"
        }
    }

    /**
     * Number of frames in [duration], rounded to the nearest frame.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming a negative or infinite [duration].
     */
    @JvmSynthetic
    public fun framesOf(duration: Duration): Long {
        AudioException.require(duration.isFinite() && !duration.isNegative()) { "duration must be finite and >= 0, was $duration" }
        return Math.round(duration.toDouble(DurationUnit.SECONDS) * sampleRate)
    }

    /**
     * Number of frames in [duration], rounded to the nearest frame: the Java form of [framesOf]
     * (`format.framesOf(Duration.ofMillis(10))` is 480 at 48 kHz).
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming a negative [duration].
     */
    public fun framesOf(duration: java.time.Duration): Long = framesOf(duration.toKotlinDuration())

    /** How long [frames] frames last, to the nanosecond. */
    @JvmSynthetic
    public fun durationOf(frames: Long): Duration = nanosOf(frames).nanoseconds

    /**
     * How long [frames] frames last, to the nanosecond, as a `java.time.Duration`: the Java form
     * of [durationOf], which Java calls `durationOf` (`format.durationOf(48_000)` is one second at 48 kHz).
     */
    @JvmName("durationOf")
    public fun javaDurationOf(frames: Long): java.time.Duration = java.time.Duration.ofNanos(nanosOf(frames))

    /**
     * Nanoseconds covered by [frames] frames, exact to the nanosecond for any realistic count:
     * the offset on a stream clock, for [FloatBlock.timestampNanos] arithmetic (a timestamp is a
     * clock reading, not a duration, so it stays a nanosecond count).
     */
    public fun nanosOf(frames: Long): Long = frames * 1_000_000_000L / sampleRate

    /** A copy with [channels] channels and the same rate. */
    public fun withChannels(channels: Int): AudioFormat = AudioFormat(sampleRate, channels)

    override fun toString(): String = "$sampleRate Hz × $channels ch"

    public companion object {
        /** Highest accepted sample rate: 768 kHz, the top of current hardware. */
        public const val MAX_SAMPLE_RATE: Int = 768_000

        /** Highest accepted channel count. */
        public const val MAX_CHANNELS: Int = 1024

        /** 44.1 kHz stereo, the CD format. */
        @JvmField public val CD: AudioFormat = AudioFormat(44_100, 2)

        /** 48 kHz stereo, the usual device default. */
        @JvmField public val STEREO_48K: AudioFormat = AudioFormat(48_000, 2)

        /**
         * The sample rates devices commonly run at, ascending (the ones PortAudio's own
         * `pa_devs` probes): what backends test a device for to fill
         * [AudioDevice.supportedSampleRates].
         */
        @JvmField public val STANDARD_SAMPLE_RATES: List<Int> =
            listOf(8_000, 9_600, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 88_200, 96_000, 192_000)
    }
}
