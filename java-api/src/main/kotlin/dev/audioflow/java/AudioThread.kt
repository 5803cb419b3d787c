package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessorTap
import dev.audioflow.StreamConfig
import dev.audioflow.process
import dev.audioflow.processWithTap
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.CompletableFuture
import java.time.Duration as JavaDuration

/**
 * Processing on the audio thread from Java: the Java form of Kotlin's `AudioDevice.process`. An
 * [AudioProcessor] runs inside every native callback, between the cycle's input and output, so
 * nothing is queued and the round trip is the device's own (what a JACK process callback or a
 * PortAudio callback gives C code). For Java code that may allocate or block per block, use
 * [Duplex] instead.
 *
 * **Thread.** The processor runs on the backend's realtime thread under the realtime rule: no
 * allocation, lock, logging, blocking or system call (prove it with
 * `dev.audioflow.testing.Processors.assertAllocationFree`). Parameters reach it through
 * atomics or `volatile` fields.
 *
 * **Blocking.** [run] blocks until the calling thread is interrupted (then the stream is closed
 * and [InterruptedException] thrown) or the stream fails; [runFor] for a given time, then closes
 * the stream and returns; [runAsync] returns a future whose `cancel(true)` closes the stream.
 *
 * **Errors.** [dev.audioflow.AudioException]: `BackendError` carrying the processor's exception
 * when it threw (the stream plays silence from that cycle on), `InvalidArgument` for devices
 * without the channels [StreamConfig] asks for or of different backends, and the stream's fatal
 * kinds (device lost, server shut down).
 *
 * A [tap] copies the processor's input or output off the audio thread to a [Sink] (a meter, a
 * WAV file) beside the zero-latency path.
 *
 * ```java
 * AtomicInteger gainBits = new AtomicInteger(Float.floatToIntBits(0.5f));   // set from the UI
 * AudioThread.on(device, config).runFor(Duration.ofSeconds(10), (in, out, frames, cycle) -> {
 *     float g = Float.intBitsToFloat(gainBits.get());
 *     for (int i = 0; i < frames * 2; i++) out[i] = in[i] * g;
 * });
 * ```
 */
@OptIn(DelicateAudioApi::class)
public class AudioThread private constructor(
    private val input: AudioDevice,
    private val output: AudioDevice,
    private val config: StreamConfig,
    private val streamWatch: StreamWatch?,
    private val tap: Tap?,
) {
    /** A [tap] request: the side to copy and where it goes. */
    private class Tap(val side: ProcessorTap, val sink: Sink)

    /** This processing, playing on [output] instead (same backend). */
    public fun to(output: AudioDevice): AudioThread = AudioThread(input, output, config, streamWatch, tap)

    /** This processing, publishing its stats and info into [watch]. */
    public fun watch(watch: StreamWatch): AudioThread = AudioThread(input, output, config, watch, tap)

    /**
     * This processing with a tap: after every cycle the [side] (the processor's input or its
     * output) is copied off the audio thread into a ring whose blocks [sink] consumes (a WAV file,
     * Java code), without adding latency to the processed path; a sink that falls behind by more
     * than the ring loses frames, reported in its blocks' status. The stream then also ends when
     * the sink has consumed all it wants.
     */
    public fun tap(side: ProcessorTap, sink: Sink): AudioThread = AudioThread(input, output, config, streamWatch, Tap(side, sink))

    /** Runs [processor] on the audio thread until this thread is interrupted or the stream fails. */
    @Throws(InterruptedException::class)
    public fun run(processor: AudioProcessor) {
        StreamFuture.run(KIND) { stream(processor) }
    }

    /** Runs [processor] on the audio thread for [duration], then closes the stream and returns. */
    @Throws(InterruptedException::class)
    public fun runFor(duration: JavaDuration, processor: AudioProcessor) {
        val millis = duration.toKotlin("runFor duration").inWholeMilliseconds
        StreamFuture.run(KIND) { withTimeoutOrNull(millis) { stream(processor) } }
    }

    /** [run] in the background; `cancel(true)` stops the stream and closes the device. */
    public fun runAsync(processor: AudioProcessor): CompletableFuture<Void?> =
        StreamFuture.start(KIND) {
            stream(processor)
            null
        }

    private suspend fun stream(processor: AudioProcessor) {
        val tap = tap
        if (tap != null) {
            input.processWithTap(config, output, streamWatch?.monitor, tap.side, processor) { tapped -> tap.sink.consume(tapped) }
        } else {
            input.process(config, output, streamWatch?.monitor, processor)
        }
    }

    override fun toString(): String = "AudioThread($input -> $output, $config)"

    /** Where audio-thread processing begins. */
    public companion object {
        private const val KIND = "audio-thread"

        /** Processing on [device] (input and output) with [config]; [StreamConfig.outputChannels] sets the output's channels. */
        @JvmStatic
        public fun on(device: AudioDevice, config: StreamConfig): AudioThread = AudioThread(device, device, config, null, null)
    }
}
