@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Fades in linearly from silence over the first [duration] of the stream.
 *
 * ```
 * wavFile(path).fadeIn(200.milliseconds).playOn(speaker)
 * ```
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.fadeIn(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "fadeIn duration")
    val upstream = this
    return flow {
        var length = -1L
        var done = 0L
        upstream.collect { block ->
            if (length < 0) length = block.format.framesOf(duration)
            if (done >= length) {
                emit(block)
                return@collect
            }
            val start = done
            done += block.frames
            emit(block.scaledByFrame { f -> if (start + f < length) (start + f).toFloat() / length else 1f })
        }
    }
}

/**
 * Fades in linearly from silence over the first [duration]: the Java form of the Kotlin `fadeIn`, taking a `java.time.Duration`
 * (`AudioFlows.fadeIn(flow, Duration.ofMillis(200))`).
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [duration].
 */
public fun Flow<FloatBlock>.fadeIn(duration: java.time.Duration): Flow<FloatBlock> = fadeIn(duration.toKotlinDuration())

/**
 * Fades out linearly to silence over the last [duration] before the upstream completes.
 *
 * To know where the end is, it holds back [duration] of audio (whole blocks, unchanged except
 * for the fade): this adds that much latency, so use it on finite flows (files, generated
 * material), not on live monitoring. A stream shorter than [duration] is faded over its whole
 * length. The last frame is exactly silent.
 *
 * ```
 * sine(440.0, format).takeDuration(3.seconds).fadeOut(500.milliseconds).writeWav(path)
 * ```
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or infinite [duration].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.fadeOut(duration: Duration): Flow<FloatBlock> {
    checkDuration(duration, "fadeOut duration")
    val upstream = this
    return flow {
        val held = ArrayDeque<FloatBlock>()
        var heldFrames = 0L
        var length = -1L
        upstream.collect { block ->
            if (length < 0) length = block.format.framesOf(duration)
            held.addLast(block)
            heldFrames += block.frames
            while (held.isNotEmpty() && heldFrames - held.first().frames >= length) {
                val first = held.removeFirst()
                heldFrames -= first.frames
                emit(first)
            }
        }
        val span = maxOf(1L, minOf(length, heldFrames))
        var remaining = heldFrames
        for (block in held) {
            emit(
                block.scaledByFrame {
                    remaining--
                    if (remaining < span) remaining.toFloat() / span else 1f
                },
            )
        }
    }
}

/**
 * Fades out linearly to silence over the last [duration] before completion: the Java form of the Kotlin `fadeOut`, taking a `java.time.Duration`
 * (`AudioFlows.fadeOut(flow, Duration.ofMillis(200))`).
 *
 * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [duration].
 */
public fun Flow<FloatBlock>.fadeOut(duration: java.time.Duration): Flow<FloatBlock> = fadeOut(duration.toKotlinDuration())
