@file:JvmName("AudioProcessing")

package dev.audioflow

/**
 * Full duplex with [processor] running on the audio thread: opens one stream capturing from this
 * device and playing on [output] (this device by default), calls [processor] inside every native
 * callback with the cycle's input and output, and suspends until the caller is cancelled or the
 * stream fails. Nothing is queued between input and output, so the round trip is the device's own
 * ([StreamInfo.roundTripLatency]); no Flow is involved, and the rings stay unused.
 *
 * Stats are published on [monitor] as for any stream (the processed frames count as both
 * [StreamStats.framesIn] and [StreamStats.framesOut]). Cancel the caller (for example with
 * `withTimeoutOrNull`) to stop; the stream is closed before this returns.
 *
 * ```
 * withTimeoutOrNull(10.seconds) { device.process(config) { input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) } }
 * ```
 *
 * @throws AudioException [AudioErrorKind.BackendError] with the processor's exception as cause
 *   when it threw; [AudioErrorKind.InvalidArgument] when a device lacks the channels or the two
 *   devices belong to different backends; the stream's fatal kinds (device lost, server shut down).
 *
 * From Java: `dev.audioflow.java.AudioThread` (module `audioflow-java`).
 */
@DelicateAudioApi
@JvmSynthetic
public suspend fun AudioDevice.process(
    config: StreamConfig,
    output: AudioDevice = this,
    monitor: StreamMonitor? = null,
    processor: AudioProcessor,
) {
    withStream(this, output, config.withoutStreamThread(), monitor) { session ->
        session.runProcessor(processor)
    }
}

/**
 * [process] with a tap: [processor] runs on the audio thread as there, and after each cycle the
 * [tap]ped side (its input, or the output it wrote) is copied into a ring that [onTap] reads as
 * an ordinary `Flow<FloatBlock>`, for meters, scopes and recording beside a zero-latency path. The
 * copy is a ring write on the audio thread (no allocation, no lock); a reader that falls behind
 * by more than the ring ([StreamConfig.ringFrames]) loses frames, reported on its next block as
 * [BlockStatus.inputOverflow] with [BlockStatus.droppedFrames]; the processed path never waits.
 *
 * The stream runs until [onTap] returns (so `tapped.takeDuration(10.seconds).writeWav(path)`
 * records ten seconds and stops), the caller is cancelled, or the stream fails (then [onTap]
 * is cancelled and the failure thrown, as by [process]).
 *
 * Thread: [onTap] runs in the caller's coroutine context; [processor] on the realtime thread.
 *
 * ```
 * device.processWithTap(config, tap = ProcessorTap.Output, processor = synth) { out ->
 *     out.takeDuration(10.seconds).writeWav(Path.of("take.wav"))
 * }
 * ```
 *
 * @throws AudioException as [process].
 */
@DelicateAudioApi
@JvmSynthetic
public suspend fun AudioDevice.processWithTap(
    config: StreamConfig,
    output: AudioDevice = this,
    monitor: StreamMonitor? = null,
    tap: ProcessorTap,
    processor: AudioProcessor,
    onTap: suspend (kotlinx.coroutines.flow.Flow<FloatBlock>) -> Unit,
) {
    withStream(this, output, config.withoutStreamThread(), monitor) { session ->
        session.runProcessor(processor, tap, onTap)
    }
}

/** [this] config for a processor stream, which has no stream thread to place: [StreamThreadPlacement.Free]. */
private fun StreamConfig.withoutStreamThread(): StreamConfig =
    copy(settings = settings.filterNot { it is StreamThreadPlacement } + StreamThreadPlacement.Free)
