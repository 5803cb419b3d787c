@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BlockStatus
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.onEach

/**
 * Runs [action] for every block whose status is not clear, then passes the block on; clear
 * blocks pass without a call.
 *
 * ```
 * mic.input(config).onStatus { log.warn("glitch at ${it.frameIndex}: ${it.status}") }.playOn(speaker)
 * ```
 *
 * Thread: [action] runs in the collector's context, in line with the audio: keep it short, or
 * hand the event to another coroutine (see [statusEvents]).
 */
@JvmSynthetic
public fun Flow<FloatBlock>.onStatus(action: suspend (FloatBlock) -> Unit): Flow<FloatBlock> =
    onEach { if (!it.status.isClear) action(it) }

/**
 * One glitch report: the status of the block starting at [frameIndex].
 *
 * @property frameIndex stream position of the block's first frame.
 * @property timestampNanos the block's timestamp.
 * @property frames frames in the block.
 * @property status what happened (never clear).
 */
public data class StatusEvent(
    public val frameIndex: Long,
    public val timestampNanos: Long,
    public val frames: Int,
    public val status: BlockStatus,
)

/**
 * Only the glitches: a [StatusEvent] for every block whose status is not clear. The audio
 * itself is consumed, so use this on a shared branch (see [tee]) or for diagnostics.
 *
 * ```
 * mic.input(config).tee { it.statusEvents().collect { e -> ui.glitches += e } }.playOn(speaker)
 * ```
 */
public fun Flow<FloatBlock>.statusEvents(): Flow<StatusEvent> =
    filter { !it.status.isClear }.map { StatusEvent(it.frameIndex, it.timestampNanos, it.frames, it.status) }

/**
 * Fails the flow as soon as a block reports an input overflow or dropped frames, for pipelines
 * (measurements, recordings) where a gap makes the result worthless.
 *
 * ```
 * mic.input(config).failOnOverflow().writeWav(path)
 * ```
 *
 * @throws AudioException [AudioErrorKind.BackendError] (on collection) naming the block's frame
 *   index and dropped-frame count; the device stream is closed as for any failing operator.
 */
public fun Flow<FloatBlock>.failOnOverflow(): Flow<FloatBlock> = onEach { block ->
    val status = block.status
    if (status.inputOverflow || status.droppedFrames > 0) {
        throw AudioException(
            AudioErrorKind.BackendError,
            "input overflow before frame ${block.frameIndex}: ${status.droppedFrames} frames dropped ($status)",
        )
    }
}
