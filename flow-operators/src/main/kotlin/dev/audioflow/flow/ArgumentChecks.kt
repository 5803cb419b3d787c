@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import kotlin.time.Duration

/** Throws [AudioErrorKind.InvalidArgument] with [message]. */
internal fun invalidArgument(message: String): Nothing = throw AudioException(AudioErrorKind.InvalidArgument, message)

/** Validates a block size argument named [name]. */
internal fun checkBlockFrames(blockFrames: Int, name: String = "blockFrames") {
    AudioException.require(blockFrames in 1..BlockSize.MAX_FRAMES) {
        "$name must be in 1..${BlockSize.MAX_FRAMES}, was $blockFrames"
    }
}

/** Validates a finite, non-negative [duration] argument named [name]. */
internal fun checkDuration(duration: Duration, name: String) {
    AudioException.require(duration.isFinite() && !duration.isNegative()) { "$name must be finite and >= 0, was $duration" }
}

/** Validates a [frequency] argument named [name]: finite, in 0 Hz up to half the sample rate of [format]. */
internal fun checkFrequency(frequency: Double, format: AudioFormat, name: String = "frequency") {
    AudioException.require(frequency.isFinite() && frequency >= 0.0 && frequency <= format.sampleRate / 2.0) {
        "$name must be in 0..${format.sampleRate / 2.0} Hz (half the sample rate), was $frequency"
    }
}

/** Validates an [amplitude] argument: finite and >= 0. */
internal fun checkAmplitude(amplitude: Float) {
    AudioException.require(amplitude.isFinite() && amplitude >= 0f) { "amplitude must be finite and >= 0, was $amplitude" }
}
