package dev.audioflow.jack.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.FloatRing
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.jna.JnaBufferAccess
import dev.audioflow.spi.jna.PointerView

/**
 * The realtime side of one audio stream over a set of JACK ports: looks up each port's buffer
 * and runs [RealtimeEndpoint.processPlanar], which interleaves the input ports' buffers straight
 * into the input ring and de-interleaves the output ring straight into the output ports'
 * buffers: per cycle, one JNA call per port and no other JNI call. On a JVM without
 * [FloatRing.nativeCopySupported] it takes core's [ArrayFallback] (JNA copies into interleaved
 * arrays) instead.
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
    private val fallback = if (FloatRing.nativeCopySupported) null else ArrayFallback(endpoint, JnaBufferAccess(), maxFrames, sampleRate)
    private val inputBuffers = if (inputChannels > 0) LongArray(inputChannels) else null
    private val outputBuffers = if (outputChannels > 0) LongArray(outputChannels) else null
    private val zeros = if (outputChannels > 0) FloatArray(maxFrames) else null
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
        if (fallback == null) {
            endpoint.processPlanar(inputBuffers, outputBuffers, frames, 0, timeNanos)
        } else {
            fallback.processPlanar(inputBuffers, outputBuffers, frames, 0, timeNanos)
        }
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

    private fun writeSilence(frames: Int) {
        val buffers = outputBuffers ?: return
        for (buffer in buffers) view.at(buffer).write(0, zeros!!, 0, frames)
    }
}
