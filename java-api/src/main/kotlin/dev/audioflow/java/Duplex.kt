package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import java.util.concurrent.CompletableFuture
import java.util.function.UnaryOperator

/**
 * Full duplex from Java in one stream, on one clock: the input of a device goes through Java
 * code (a [Signal] function or a per-block [DuplexProcessor]) and what it returns is played on
 * the same device (or [to] another device of the same backend).
 *
 * The output starts two blocks behind the input (the latency the Java side adds on top of the
 * device's) and keeps that target: a processor that falls behind shows up as
 * [dev.audioflow.BlockStatus.outputUnderflow] in the next input block's status, frames lost on
 * input as [dev.audioflow.BlockStatus.inputOverflow]. Per-stream counters are in the
 * [StreamWatch] given to [watch].
 *
 * **Thread.** The Java code runs on the stream's own non-realtime thread, one block at a time.
 *
 * **Blocking.** [run] blocks until the input ends, the transformed signal ends (e.g. after
 * [Signal.limit]), or the calling thread is interrupted (then the stream is closed and
 * [InterruptedException] thrown); [runAsync] returns a future whose `cancel(true)` closes the
 * stream; [open] returns a stream object to close.
 *
 * **Errors.** [dev.audioflow.AudioException] for devices without the channels [config] asks for
 * or of different backends; a processor's exception ends the stream (see [Signal] for how it is
 * rethrown).
 *
 * ```java
 * StreamConfig config = new StreamConfig(new AudioFormat(48_000, 2), new BlockSize.Fixed(256));
 * Duplex.on(device, config).run((in, out) -> {
 *     if (!in.getStatus().isClear()) System.err.println("glitch: " + in.getStatus());
 *     float[] x = in.getSamples();
 *     for (int i = 0; i < out.length; i++) out[i] = 0.5f * x[i];
 * });
 * ```
 */
public class Duplex private constructor(
    private val input: AudioDevice,
    private val output: AudioDevice,
    private val config: StreamConfig,
    private val streamWatch: StreamWatch?,
) {
    /** This duplex, playing on [output] instead (same backend). */
    public fun to(output: AudioDevice): Duplex = Duplex(input, output, config, streamWatch)

    /** This duplex, publishing its stats and info into [watch]. */
    public fun watch(watch: StreamWatch): Duplex = Duplex(input, output, config, watch)

    /** Runs with [transform] turning the input signal into the output signal, blocking. */
    @Throws(InterruptedException::class)
    public fun run(transform: UnaryOperator<Signal>) {
        StreamFuture.run(KIND) { stream(streamWatch?.monitor, transformer(transform)) }
    }

    /** Runs with [processor] turning each input block into an output block, blocking. */
    @Throws(InterruptedException::class)
    public fun run(processor: DuplexProcessor) {
        StreamFuture.run(KIND) { stream(streamWatch?.monitor, processing(processor)) }
    }

    /** [run] with a transform in the background; `cancel(true)` stops the stream and closes the device. */
    public fun runAsync(transform: UnaryOperator<Signal>): CompletableFuture<Void?> =
        StreamFuture.start(KIND) {
            stream(streamWatch?.monitor, transformer(transform))
            null
        }

    /** [run] with a processor in the background; `cancel(true)` stops the stream and closes the device. */
    public fun runAsync(processor: DuplexProcessor): CompletableFuture<Void?> =
        StreamFuture.start(KIND) {
            stream(streamWatch?.monitor, processing(processor))
            null
        }

    /**
     * Starts the stream with [processor] and returns it as a [CallbackStream] to monitor and
     * close, like [Audio.openInput] with a callback. Its [AudioStream.watch] (not [watch]) has the stats.
     */
    public fun open(processor: DuplexProcessor): CallbackStream = CallbackStream(KIND) { monitor -> stream(monitor, processing(processor)) }

    private suspend fun stream(monitor: StreamMonitor?, transform: (Flow<FloatBlock>) -> Flow<FloatBlock>) {
        input.duplex(config.ownedBlocks(), output, monitor, transform)
    }

    private fun transformer(transform: UnaryOperator<Signal>): (Flow<FloatBlock>) -> Flow<FloatBlock> =
        { flow -> transform.apply(Signal.of(flow)).asFlow() }

    private fun processing(processor: DuplexProcessor): (Flow<FloatBlock>) -> Flow<FloatBlock> {
        val outFormat = AudioFormat(config.format.sampleRate, config.effectiveOutputChannels)
        return { flow ->
            flow.map { block ->
                val out = FloatArray(block.frames * outFormat.channels)
                processor.process(block, out)
                FloatBlock(outFormat, out, block.frameIndex, block.timestampNanos)
            }
        }
    }

    override fun toString(): String = "Duplex($input -> $output, $config)"

    /** Where a duplex begins. */
    public companion object {
        private const val KIND = "duplex"

        /** A duplex on [device] (input and output) with [config]; [StreamConfig.outputChannels] sets the output's channels. */
        @JvmStatic
        public fun on(device: AudioDevice, config: StreamConfig): Duplex = Duplex(device, device, config, null)
    }
}
