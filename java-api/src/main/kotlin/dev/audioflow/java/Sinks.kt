package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.SampleFormat
import dev.audioflow.StreamConfig
import dev.audioflow.flow.writeWav
import dev.audioflow.playOn
import java.nio.file.Path

/**
 * The [Sink]s a [Signal.tee] can feed.
 *
 * ```java
 * signal.tee(Sinks.wav(Path.of("out.wav"), SampleFormat.INT16)).play(speaker);
 * ```
 */
public object Sinks {
    /**
     * A WAV file at [path] stored as [sampleFormat] (16-bit when omitted), written as the run
     * goes and finished (header sizes final) when it ends.
     *
     * @throws dev.audioflow.AudioException (ending the run) for [SampleFormat.INT8] or an I/O failure.
     */
    @JvmStatic
    @JvmOverloads
    public fun wav(path: Path, sampleFormat: SampleFormat = SampleFormat.INT16): Sink =
        Sink("wav $path") { it.writeWav(path, sampleFormat) }

    /** Plays the copy on another [device] (with [config], or the first block's format when omitted). */
    @JvmStatic
    @JvmOverloads
    public fun device(device: AudioDevice, config: StreamConfig? = null): Sink = Sink("device $device") { it.playOn(device, config) }

    /** Hands every block to [action] on the pipeline's thread; see [BlockAction]. */
    @JvmStatic
    public fun consumer(action: BlockAction): Sink = Sink("consumer") { flow -> flow.collect { action.accept(it) } }
}
