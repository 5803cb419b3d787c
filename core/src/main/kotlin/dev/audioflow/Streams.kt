@file:JvmName("AudioStreams")

package dev.audioflow

import dev.audioflow.internal.RateConverter
import dev.audioflow.internal.followingDefault
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onStart
import kotlinx.coroutines.launch

/**
 * Audio captured from this device, as a cold Flow of blocks of `config.blockSize` frames.
 *
 * Collecting opens and starts the device; cancelling the collector (or an exception downstream)
 * aborts and closes it before `collect` returns. Each collection is an independent stream.
 * Glitches are reported in each block's [FloatBlock.status]; only fatal conditions (device gone,
 * server shut down) end the Flow, with an [AudioException], after the frames already captured
 * have been delivered.
 *
 * Example:
 * ```
 * mic.input(StreamConfig(AudioFormat(48_000, 2), BlockSize.Fixed(256))).collect { block -> ... }
 * ```
 *
 * @param monitor receives [StreamStats] and [StreamInfo] while the stream runs.
 * @throws AudioException [AudioErrorKind.InvalidArgument] (on collection) when the device has too
 *   few input channels; backend-specific kinds when the device refuses the configuration.
 */
@JvmOverloads
public fun AudioDevice.input(config: StreamConfig, monitor: StreamMonitor? = null): Flow<FloatBlock> {
    if (config.setting<RateConversion>() == null) return captured(this, config, monitor) { it }
    val device = this
    return flow {
        // Resolved on collection, as the device is opened: the device's formats may have changed since.
        val converter = RateConverter.of(device, config, input = true)
        emitAll(converter?.convert(captured(device, converter.deviceConfig, monitor, converter::describe)) ?: captured(device, config, monitor) { it })
    }
}

/** The device's input at [config] as it is captured, [describe]d to [monitor]. */
private fun captured(device: AudioDevice, config: StreamConfig, monitor: StreamMonitor?, describe: (StreamInfo) -> StreamInfo): Flow<FloatBlock> =
    flow {
        withStream(device, null, config, monitor, describe) { session ->
            session.start()
            emitInput(session)
        }
    }

/**
 * Plays this Flow on [device] and suspends until it has completed and the device has played
 * every frame out.
 *
 * The device starts once a few blocks are queued, so playback begins without an underflow.
 * Blocks may have any size; their channel count and sample rate must match [config] (or, when
 * [config] is null, the first block's format, with [blockSize] frames per device callback).
 * Cancelling the caller aborts playback and closes the device before returning. On a native
 * backend this Flow is collected on a thread of the stream's own (as upstream of `flowOn`).
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for a block whose format differs from
 *   the stream's, or when the device has too few output channels.
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.playOn(
    device: AudioDevice,
    config: StreamConfig? = null,
    monitor: StreamMonitor? = null,
    blockSize: BlockSize = BlockSize.DEFAULT,
) {
    if (config != null) return playWith(device, config, monitor)
    peekFormat(this) { format, rest -> rest.playWith(device, StreamConfig(format, blockSize), monitor) }
}

private suspend fun Flow<FloatBlock>.playWith(device: AudioDevice, config: StreamConfig, monitor: StreamMonitor?) {
    val follow = config.setting<FollowDefaultOutput>()
    if (follow != null) {
        val plain = config.copy(settings = config.settings.filter { it !is FollowDefaultOutput })
        return followingDefault(device, follow) { blocks, target -> blocks.playWith(target, plain, monitor) }
    }
    val converter = RateConverter.of(device, config, input = false)
    if (converter != null) return converter.convert(this).playAt(device, converter.deviceConfig, monitor, converter::describe)
    playAt(device, config, monitor) { it }
}

/** Plays this Flow (at [config]'s rate) on [device], [describe]d to [monitor]. */
private suspend fun Flow<FloatBlock>.playAt(device: AudioDevice, config: StreamConfig, monitor: StreamMonitor?, describe: (StreamInfo) -> StreamInfo) {
    withStream(null, device, config, monitor, describe) { session ->
        val prefill = prefillFrames(config)
        onStreamThread(session.wantsStreamThread) {
            collect { block -> session.writeOutput(block, prefill) }
            session.drainOutput()
        }
    }
}

/** Collects [flow] until its first block is known, then hands its format and the whole flow (first block included) to [body]. */
private suspend fun peekFormat(flow: Flow<FloatBlock>, body: suspend (AudioFormat, Flow<FloatBlock>) -> Unit) {
    val channel = Channel<FloatBlock>(Channel.RENDEZVOUS)
    coroutineScope {
        val producer = launch {
            try {
                flow.collect { channel.send(it) }
            } finally {
                channel.close()
            }
        }
        val first = channel.receiveCatching().getOrNull()
        if (first == null) {
            producer.join()
            return@coroutineScope
        }
        val rest = flow<FloatBlock> {
            emit(first)
            for (block in channel) emit(block)
        }
        body(first.format, rest)
        producer.cancel()
    }
}

/**
 * Full duplex: captures from this device, passes the input Flow through [transform], and plays
 * the result on [output] (this device by default) in one stream, until the transformed Flow
 * completes or the caller is cancelled.
 *
 * The output starts with [duplexPrefillFrames] frames of silence queued ([StreamConfig.duplexBlocks]
 * blocks, one by default), which is the round-trip latency the coroutine side adds on top of the
 * device's: its target latency. Output underflows are counted from the first cycle: a transform
 * that falls behind, even on a cold JVM's first blocks, shows up as [BlockStatus.outputUnderflow],
 * and the silence it inserted is taken back as soon as the transform has caught up, by skipping
 * as many queued output frames ([BlockStatus.resync], [BlockStatus.droppedFrames]), so the
 * latency returns to its target instead of growing with every glitch. The transform is assumed
 * to pass on as many frames as it receives (a filter, a gain, a mixer), as a passthrough does;
 * [StreamInfo.roundTripLatency] is the latency it has now.
 *
 * Thread: on a native backend, the transform and the Flow it returns run on a thread of the
 * stream's own (as upstream of `flowOn`), woken by the device at the end of each cycle; on the
 * virtual backend, in the caller's context (virtual time included).
 *
 * Example: `mic.duplex(config) { input -> input.map { it.withSamples(gain(it.samples)) } }`
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] when a device lacks the needed
 *   channels or the two devices belong to different backends.
 */
@JvmSynthetic
public suspend fun AudioDevice.duplex(
    config: StreamConfig,
    output: AudioDevice = this,
    monitor: StreamMonitor? = null,
    transform: (Flow<FloatBlock>) -> Flow<FloatBlock>,
) {
    withStream(this, output, config, monitor) { session ->
        @OptIn(DelicateAudioApi::class)
        session.primeDuplexOutput(duplexPrefillFrames(config))
        val input = flow { emitInput(session) }
        onStreamThread(session.wantsStreamThread) {
            // collect rather than onEach + collect: one suspend frame less, allocated on every block.
            transform(input.onStart { session.start() }).collect { session.writeOutput(it, 0) }
            session.drainOutput()
        }
    }
}

/**
 * Emits the session's input blocks until the input ends. The loop lives in the caller's one
 * coroutine body and waits through a tail call, so a block costs no suspend frame of its own.
 */
private suspend fun FlowCollector<FloatBlock>.emitInput(session: StreamSession) {
    while (true) {
        val block = session.pollInput()
        when {
            block != null -> emit(block)
            session.inputFinished -> return
            else -> session.awaitInput()
        }
    }
}

/** Frames queued before an output stream starts: two blocks, capped at half the ring. */
internal fun prefillFrames(config: StreamConfig): Int =
    minOf(config.nominalBlockFrames * 2, config.effectiveRingFrames / 2).coerceAtLeast(1)

/**
 * Frames of silence queued ahead of a duplex stream's output: [StreamConfig.duplexBlocks] blocks
 * (one by default), on top of the device's own buffering. This is the round-trip latency the
 * coroutine side adds (its target latency), for tools that measure or display it (why one block
 * is enough: `docs/latency.md`).
 *
 * Thread: any; pure.
 *
 * ```
 * val addedLatency = config.format.durationOf(duplexPrefillFrames(config).toLong())
 * ```
 */
@DelicateAudioApi
public fun duplexPrefillFrames(config: StreamConfig): Int = config.duplexQueueFrames
