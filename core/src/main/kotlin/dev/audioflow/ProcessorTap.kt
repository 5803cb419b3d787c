package dev.audioflow

/**
 * Which side of an [AudioProcessor] a tap copies out of the audio thread (see
 * [processWithTap]): the cycle's input as the processor received it, or the output it wrote.
 * The copy goes into a ring the app side reads as an ordinary `Flow<FloatBlock>`, for meters,
 * scopes and recording, without adding latency to the processed path.
 *
 * Thread: a constant, any.
 *
 * ```
 * device.processWithTap(config, tap = ProcessorTap.Output, processor = synth) { out -> out.takeDuration(10.seconds).writeWav(path) }
 * ```
 */
@DelicateAudioApi
public enum class ProcessorTap {
    /** The cycle's input, interleaved in the stream's input channels. */
    Input,

    /** The processor's output, interleaved in the stream's output channels. */
    Output,
}
