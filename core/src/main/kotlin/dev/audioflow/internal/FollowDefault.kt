package dev.audioflow.internal

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import dev.audioflow.FollowDefaultOutput
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.launch

/** The device losses after which a [FollowDefaultOutput] stream moves on instead of failing. */
private val LOSSES = setOf(AudioErrorKind.StreamInvalidated, AudioErrorKind.DeviceNotAvailable, AudioErrorKind.DeviceNotFound)

/**
 * Plays this Flow through [play] on [first], and after each device loss on the backend's new
 * default output device, until the Flow ends. The Flow is collected once, into a rendezvous
 * channel each device's stream reads from, so a switch loses only what the lost stream had taken.
 */
internal suspend fun Flow<FloatBlock>.followingDefault(
    first: AudioDevice,
    follow: FollowDefaultOutput,
    play: suspend (Flow<FloatBlock>, AudioDevice) -> Unit,
) = coroutineScope {
    val blocks = Channel<FloatBlock>(Channel.RENDEZVOUS)
    val producer = launch {
        try {
            collect { blocks.send(it) }
        } finally {
            blocks.close()
        }
    }
    var device = first
    while (true) {
        val failure = try {
            play(blocks.remaining(), device)
            null
        } catch (e: AudioException) {
            if (e.kind !in LOSSES) throw e
            e
        }
        if (failure == null) break
        val lostAt = System.nanoTime()
        val next = newDefault(device, follow.maxGap.toNanos()) ?: throw failure
        follow.listener?.switched(device, next, java.time.Duration.ofNanos(System.nanoTime() - lostAt))
        device = next
    }
    producer.join()
}

/** The channel's blocks as a Flow that leaves the channel open when its collector stops (a lost device). */
private fun ReceiveChannel<FloatBlock>.remaining(): Flow<FloatBlock> = kotlinx.coroutines.flow.flow {
    for (block in this@remaining) emit(block)
}

/** The backend's default output once it is a device other than [lost], polled for up to [maxGapNanos]; null if none came. */
private suspend fun newDefault(lost: AudioDevice, maxGapNanos: Long): AudioDevice? {
    val deadline = System.nanoTime() + maxGapNanos
    while (System.nanoTime() < deadline) {
        val candidate = try {
            lost.backend.defaultOutputDevice()
        } catch (_: AudioException) {
            null
        }
        if (candidate != null && candidate.id != lost.id && candidate.maxOutputChannels > 0) return candidate
        delay(POLL_MILLIS)
    }
    return null
}

private const val POLL_MILLIS = 20L
