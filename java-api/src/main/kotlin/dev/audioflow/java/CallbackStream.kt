package dev.audioflow.java

import dev.audioflow.StreamMonitor
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch

/**
 * A running output or duplex stream driven by a Java callback ([FrameSource] or
 * [DuplexProcessor]), the counterpart of [CallbackInput]: the callback runs on the stream's
 * own thread (named `audioflow-java-<kind>-N`), never on the device's realtime thread.
 *
 * Created by [Audio.openOutput] with a [FrameSource] and by [Audio.openDuplex] or
 * [Duplex.open]. It runs until the callback ends the audio, throws, or the stream is closed;
 * wait for the end with [awaitCompletion] or [completion].
 *
 * ```java
 * try (CallbackStream out = Audio.openOutput(speaker, config, (buffer, frames) -> synth.render(buffer, frames))) {
 *     out.awaitCompletion(10, TimeUnit.SECONDS);
 * }
 * ```
 */
public class CallbackStream internal constructor(
    kind: String,
    run: suspend (StreamMonitor) -> Unit,
) : AudioStream(kind) {
    override val job: Job = thread.scope.launch { run(monitor) }.also { watch(it) }
}
