package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.RealtimeEndpoint

/**
 * The realtime side of one audio stream over a set of JACK ports: copies each input port's
 * buffer into an interleaved scratch array, runs [RealtimeEndpoint.process], and
 * de-interleaves the result into the output ports.
 *
 * Every array is allocated here, for the largest cycle JACK may run ([maxFrames]), so a
 * buffer-size change never needs reallocation. Once [silence] is requested, the next cycle
 * writes zeros to the output ports instead of touching the endpoint and sets [silenced], so a
 * stopped stream does not leave its last block looping in ports that stay registered.
 */
@OptIn(DelicateAudioApi::class)
internal class AudioPortsProcessor(
    private val endpoint: RealtimeEndpoint,
    private val inputPorts: LongArray,
    private val outputPorts: LongArray,
    private val sampleRate: Int,
    private val maxFrames: Int,
) : RtProcessor() {
    private val inputChannels = inputPorts.size
    private val outputChannels = outputPorts.size
    private val interleavedIn = if (inputChannels > 0) FloatArray(maxFrames * inputChannels) else null
    private val interleavedOut = if (outputChannels > 0) FloatArray(maxFrames * outputChannels) else null
    private val column = FloatArray(maxFrames)
    private val view = PointerView()

    @Volatile var silence: Boolean = false
    @Volatile var silenced: Boolean = false
        private set

    override fun process(frames: Int, cycleFrame: Long) {
        if (frames > maxFrames) return
        if (silence) {
            writeSilence(frames)
            silenced = true
            return
        }
        val input = interleavedIn
        if (input != null) gatherInputs(input, frames)
        val timeNanos = cycleFrame * 1_000_000_000L / sampleRate
        endpoint.process(input, interleavedOut, frames, 0, timeNanos)
        val output = interleavedOut
        if (output != null) scatterOutputs(output, frames)
    }

    private fun gatherInputs(input: FloatArray, frames: Int) {
        val channels = inputChannels
        for (channel in 0 until channels) {
            view.at(Jack.jack_port_get_buffer(inputPorts[channel], frames)).read(0, column, 0, frames)
            var i = channel
            for (f in 0 until frames) {
                input[i] = column[f]
                i += channels
            }
        }
    }

    private fun scatterOutputs(output: FloatArray, frames: Int) {
        val channels = outputChannels
        for (channel in 0 until channels) {
            var i = channel
            for (f in 0 until frames) {
                column[f] = output[i]
                i += channels
            }
            view.at(Jack.jack_port_get_buffer(outputPorts[channel], frames)).write(0, column, 0, frames)
        }
    }

    private fun writeSilence(frames: Int) {
        java.util.Arrays.fill(column, 0, frames, 0f)
        for (channel in 0 until outputChannels) {
            view.at(Jack.jack_port_get_buffer(outputPorts[channel], frames)).write(0, column, 0, frames)
        }
    }
}
