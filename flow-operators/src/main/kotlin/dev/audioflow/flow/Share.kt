@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.receiveAsFlow
import kotlinx.coroutines.launch

/**
 * Passes every block on and also hands the same block to [consumer], which collects its own
 * Flow of them concurrently, so one input can feed a recorder, a meter and an output at once.
 *
 * Blocks are shared, not copied: audioflow blocks are immutable once emitted, so several
 * consumers may read one block safely. (A stream opened with `recycleBlocks` reuses its arrays:
 * apply [copyBlocks] before sharing it.) The side consumer gets up to [capacity] blocks of
 * slack; when it falls further behind, the main flow waits for it, so nothing is dropped. If
 * [consumer] returns early, the remaining blocks are discarded for it; if it throws, the whole
 * pipeline fails.
 *
 * For a dynamic set of consumers that come and go (UI scopes), use kotlinx's
 * `shareIn(scope, SharingStarted.WhileSubscribed(), replay = 0)` on the input instead: it shares
 * the same block instances, but subscribers that join late miss earlier blocks.
 *
 * ```
 * mic.input(config)
 *     .tee { it.writeWav(path) }
 *     .meter(levels)
 *     .playOn(speaker)
 * ```
 *
 * Thread: [consumer] runs in a child coroutine of the collector; the main flow suspends
 * (never blocks) when the consumer is [capacity] blocks behind.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative [capacity].
 */
@JvmSynthetic
public fun Flow<FloatBlock>.tee(capacity: Int = DEFAULT_TEE_CAPACITY, consumer: suspend (Flow<FloatBlock>) -> Unit): Flow<FloatBlock> {
    AudioException.require(capacity >= 0) { "tee capacity must be >= 0, was $capacity" }
    val upstream = this
    return flow {
        coroutineScope {
            val channel = Channel<FloatBlock>(capacity)
            val side = launch {
                consumer(channel.receiveAsFlow())
                for (ignored in channel) continue
            }
            try {
                upstream.collect { block ->
                    channel.send(block)
                    emit(block)
                }
            } finally {
                channel.close()
            }
            side.join()
        }
    }
}

/**
 * Collects this flow once and delivers every block to each of [consumers], which run
 * concurrently; returns when the flow has completed and every consumer has returned.
 *
 * ```
 * mic.input(config).fanOut({ it.writeWav(path) }, { it.playOn(speaker) }, { it.levels().collect(ui::show) })
 * ```
 *
 * Blocks are shared, not copied (see [tee]). Each consumer but the first has [capacity] blocks
 * of slack. An exception in any consumer cancels the rest and is rethrown.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for no consumers or a negative [capacity].
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.fanOut(
    vararg consumers: suspend (Flow<FloatBlock>) -> Unit,
    capacity: Int = DEFAULT_TEE_CAPACITY,
) {
    AudioException.require(consumers.isNotEmpty()) { "fanOut needs at least one consumer, had none" }
    var shared = this
    for (i in 1 until consumers.size) shared = shared.tee(capacity, consumers[i])
    consumers[0](shared)
}

/**
 * Deep-copies every block, so downstream may keep blocks of a stream opened with
 * `recycleBlocks` (whose arrays are reused) or share them between consumers.
 *
 * ```
 * mic.input(config.copy(recycleBlocks = true)).copyBlocks().tee { it.writeWav(path) }.playOn(speaker)
 * ```
 */
public fun Flow<FloatBlock>.copyBlocks(): Flow<FloatBlock> = map { it.copy() }

/** Default slack of a [tee] consumer: 16 blocks. */
public const val DEFAULT_TEE_CAPACITY: Int = 16
