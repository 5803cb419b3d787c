package dev.audioflow.javasound.internal

import dev.audioflow.SampleFormat
import javax.sound.sampled.AudioFormat

/** Encodings whose lines the backend can drive (the little-endian forms of [SampleFormat]s). */
internal val DRIVABLE_ENCODINGS: Set<AudioFormat.Encoding> =
    setOf(AudioFormat.Encoding.PCM_SIGNED, AudioFormat.Encoding.PCM_UNSIGNED, AudioFormat.Encoding.PCM_FLOAT)

/** The Java Sound format of interleaved [channels]-channel frames of [sampleFormat] at [rate] Hz, little-endian. */
internal fun lineFormat(sampleFormat: SampleFormat, rate: Int, channels: Int): AudioFormat {
    val encoding = when {
        sampleFormat.isFloat -> AudioFormat.Encoding.PCM_FLOAT
        sampleFormat == SampleFormat.UINT8 -> AudioFormat.Encoding.PCM_UNSIGNED
        else -> AudioFormat.Encoding.PCM_SIGNED
    }
    val frameBytes = sampleFormat.bytesPerSample * channels
    return AudioFormat(encoding, rate.toFloat(), sampleFormat.bits, channels, frameBytes, rate.toFloat(), false)
}
