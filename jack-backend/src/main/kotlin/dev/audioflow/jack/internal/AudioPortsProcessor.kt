package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.RealtimeEndpoint

/**
 * The realtime side of one audio stream over a set of JACK ports: looks up each port's buffer
 * and runs [RealtimeEndpoint.processPlanar], which interleaves the input ports' buffers straight
 * into the input ring and de-interleaves the output ring straight into the output ports'
 * buffers with the client's [ProcessCalls.ringCopy]: per cycle, one libjack call per port
 * ([ProcessCalls.portGetBuffer]: a JNA call, or a critical downcall on FFM) and nothing else
 * native. On the JNA path of a JVM without `sun.misc.Unsafe` it takes core's [ArrayFallback]
 * (copies into interleaved arrays through [ProcessCalls.memory]) instead.
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
    private val calls: ProcessCalls,
) : RtProcessor() {
    private val inputChannels = inputPorts.size
    private val outputChannels = outputPorts.size
    private val copy = calls.ringCopy
    private val fallback = if (copy != null) null else ArrayFallback(endpoint, calls.memory, maxFrames, sampleRate)
    private val inputBuffers = if (inputChannels > 0) LongArray(inputChannels) else null
    private val outputBuffers = if (outputChannels > 0) LongArray(outputChannels) else null
    private val zeros = if (outputChannels > 0) FloatArray(maxFrames) else null

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
        if (copy != null) {
            endpoint.processPlanar(inputBuffers, outputBuffers, frames, 0, timeNanos, copy)
        } else {
            fallback!!.processPlanar(inputBuffers, outputBuffers, frames, 0, timeNanos)
        }
    }

    /** This cycle's buffer of each port into [buffers]; false (and the cycle skipped) if JACK returned none. */
    private fun lookUp(ports: LongArray, buffers: LongArray?, frames: Int): Boolean {
        if (buffers == null) return true
        for (i in ports.indices) {
            val buffer = calls.portGetBuffer(ports[i], frames)
            if (buffer == 0L) return false
            buffers[i] = buffer
        }
        return true
    }

    private fun writeSilence(frames: Int) {
        val buffers = outputBuffers ?: return
        for (buffer in buffers) calls.memory.writeFloats(buffer, 0, zeros!!, 0, frames)
    }
}
