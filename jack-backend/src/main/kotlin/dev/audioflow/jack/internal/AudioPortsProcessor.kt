package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatRing
import dev.audioflow.spi.RealtimeEndpoint

/**
 * The realtime side of one audio stream over a set of JACK ports: looks up each port's buffer
 * and runs [RealtimeEndpoint.processPlanar], which interleaves the input ports' buffers straight
 * into the input ring and de-interleaves the output ring straight into the output ports'
 * buffers: per cycle, one JNA call per port and no other JNI call. On a JVM without
 * [FloatRing.nativeCopySupported] it copies through interleaved scratch arrays and JNA pointer
 * views instead.
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
    private val direct = FloatRing.nativeCopySupported
    private val inputBuffers = if (inputChannels > 0) LongArray(inputChannels) else null
    private val outputBuffers = if (outputChannels > 0) LongArray(outputChannels) else null
    private val interleavedIn = if (inputChannels > 0 && !direct) FloatArray(maxFrames * inputChannels) else null
    private val interleavedOut = if (outputChannels > 0 && !direct) FloatArray(maxFrames * outputChannels) else null
    private val column = FloatArray(maxFrames)
    private val view = PointerView()

    @Volatile var silence: Boolean = false
    @Volatile var silenced: Boolean = false
        private set

    override fun process(frames: Int, cycleFrame: Long) {
        if (frames > maxFrames) return
        // Every path needs this cycle's port buffers; a port without one skips the cycle.
        if (!lookUp(inputPorts, inputBuffers, frames) || !lookUp(outputPorts, outputBuffers, frames)) return
        if (silence) {
            writeSilence(frames)
            silenced = true
            return
        }
        val timeNanos = cycleFrame * 1_000_000_000L / sampleRate
        if (direct) {
            endpoint.processPlanar(inputBuffers, outputBuffers, frames, 0, timeNanos)
            return
        }
        val input = interleavedIn
        if (input != null) gatherInputs(input, frames)
        endpoint.process(input, interleavedOut, frames, 0, timeNanos)
        val output = interleavedOut
        if (output != null) scatterOutputs(output, frames)
    }

    /** This cycle's buffer of each port into [buffers]; false (and the cycle skipped) if JACK returned none. */
    private fun lookUp(ports: LongArray, buffers: LongArray?, frames: Int): Boolean {
        if (buffers == null) return true
        for (i in ports.indices) {
            val buffer = Jack.jack_port_get_buffer(ports[i], frames)
            if (buffer == 0L) return false
            buffers[i] = buffer
        }
        return true
    }

    private fun gatherInputs(input: FloatArray, frames: Int) {
        val buffers = inputBuffers!!
        val channels = inputChannels
        for (channel in 0 until channels) {
            view.at(buffers[channel]).read(0, column, 0, frames)
            var i = channel
            for (f in 0 until frames) {
                input[i] = column[f]
                i += channels
            }
        }
    }

    private fun scatterOutputs(output: FloatArray, frames: Int) {
        val buffers = outputBuffers!!
        val channels = outputChannels
        for (channel in 0 until channels) {
            var i = channel
            for (f in 0 until frames) {
                column[f] = output[i]
                i += channels
            }
            view.at(buffers[channel]).write(0, column, 0, frames)
        }
    }

    private fun writeSilence(frames: Int) {
        val buffers = outputBuffers ?: return
        java.util.Arrays.fill(column, 0, frames, 0f)
        for (buffer in buffers) view.at(buffer).write(0, column, 0, frames)
    }
}
