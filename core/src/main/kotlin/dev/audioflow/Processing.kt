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
    withStream(this, output, config, monitor) { session ->
        session.runProcessor(processor)
    }
}
