@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.math.abs
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * A signal watchdog: passes every block through unchanged and ends the flow with
 * [AudioErrorKind.StreamInvalidated] when there has been no signal for [after]: either every
 * channel stayed at or below [threshold] (absolute amplitude; `0` means exact digital silence)
 * for [after] of stream time, or no block arrived at all for [after] plus one block's duration
 * of the collector's time (the source stalled).
 *
 * For sources that fail by going quiet rather than by going away: a netjack2 link that is cut
 * without a word (the master's graph then waits for packets that never come, so its clients get
 * no more cycles), a USB interface whose driver delivers zeros after it is unplugged, a dead
 * microphone line. Silence is counted on the blocks' frame clock (a gap of lost frames counts as
 * no signal), so it fails within one block of [after] on a live stream and at the same point
 * under virtual time; the wait for a block is measured on the collector's clock (virtual under
 * `runTest`) and starts with the first block, so a device's start-up is not a stall. Every block
 * up to the one that completes a silent stretch is emitted first, so a recording downstream keeps
 * it (and `writeWav` closes a valid file). On failure the upstream is cancelled, which stops its
 * stream.
 *
 * Collected on the caller's context, with the upstream collected in a child coroutine of it
 * (one hand-over per block, no buffering beyond that block).
 *
 * ```
 * client.input(inputs)
 *     .failWhenSourcesVanish(client, sources)   // the slave leaves the server
 *     .failWhenSilent(500.milliseconds)         // the link is cut without a word
 *     .writeWav(path)
 * ```
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] (when called) unless [after] is finite
 *   and > 0 and [threshold] is finite and >= 0; through the flow, [AudioErrorKind.StreamInvalidated]
 *   naming the silent stretch (its length, first frame and the threshold) or the stall (how long,
 *   after which frame).
 */
@JvmSynthetic
public fun Flow<FloatBlock>.failWhenSilent(after: Duration, threshold: Float = 0f): Flow<FloatBlock> {
    AudioException.require(after.isFinite() && after.isPositive()) { "failWhenSilent duration must be finite and > 0, was $after" }
    AudioException.require(threshold.isFinite() && threshold >= 0f) { "failWhenSilent threshold must be finite and >= 0, was $threshold" }
    val upstream = this
    return flow {
        coroutineScope {
            val blocks = Channel<FloatBlock>()
            // A failure of the upstream fails this scope (and so the flow) with its own exception.
            launch {
                upstream.collect { blocks.send(it) }
                blocks.close()
            }
            // First frame (on the blocks' frame clock) of the current silent stretch; -1 while there is signal.
            var silentSince = -1L
            // How long to wait for the next block; infinite until the first one arrived.
            var wait = Duration.INFINITE
            var nextFrame = 0L
            while (true) {
                val next = withTimeoutOrNull(wait) { blocks.receiveCatching() } ?: throw AudioException(
                    AudioErrorKind.StreamInvalidated,
                    "no signal for $after: no block arrived for $wait after frame $nextFrame (the source stalled or is gone)",
                )
                val block = next.getOrNull() ?: break // closed: the upstream completed
                val lastLoud = lastFrameAbove(block, threshold)
                silentSince = when {
                    lastLoud >= 0 -> if (lastLoud == block.frames - 1) -1L else block.frameIndex + lastLoud + 1
                    silentSince < 0 -> block.frameIndex
                    else -> silentSince
                }
                emit(block)
                nextFrame = block.frameIndex + block.frames
                if (silentSince >= 0 && nextFrame - silentSince >= maxOf(1L, block.format.framesOf(after))) {
                    throw AudioException(
                        AudioErrorKind.StreamInvalidated,
                        "no signal for $after: ${nextFrame - silentSince} frames from frame $silentSince at or below amplitude $threshold " +
                            "on all ${block.format.channels} channels (the source is silent or gone)",
                    )
                }
                wait = after + block.format.durationOf(block.frames.toLong())
            }
        }
    }
}

/**
 * A signal watchdog: the Java form of the Kotlin `failWhenSilent`, taking a `java.time.Duration`
 * (`AudioFlows.failWhenSilent(flow, Duration.ofMillis(500), 0f)`).
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] unless [after] is > 0 and [threshold]
 *   finite and >= 0; through the flow, [AudioErrorKind.StreamInvalidated] as the Kotlin form.
 */
@JvmOverloads
public fun Flow<FloatBlock>.failWhenSilent(after: java.time.Duration, threshold: Float = 0f): Flow<FloatBlock> =
    failWhenSilent(after.toKotlinDuration(), threshold)

/** Index of the last frame of [block] with a sample on some channel above [threshold] in magnitude, or -1. */
private fun lastFrameAbove(block: FloatBlock, threshold: Float): Int {
    val samples = block.samples
    val channels = block.format.channels
    for (frame in block.frames - 1 downTo 0) {
        val base = frame * channels
        for (channel in 0 until channels) {
            // NaN counts as signal: it is not silence, and a watchdog must not hide it.
            if (!(abs(samples[base + channel]) <= threshold)) return frame
        }
    }
    return -1
}
