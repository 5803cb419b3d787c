package dev.audioflow.samples.ui

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.sin

/**
 * The built-in test signal the `ui` command meters on the virtual backend, so the window shows
 * something alive on a machine without sound hardware: two tones (220 Hz left, 330 Hz right)
 * swelling and fading at different slow rates, with a short decaying click on both channels
 * every 0.75 s that makes the peak meters jump and hold.
 */
object TestSignal {
    /** Name of the virtual input device carrying the test signal. */
    const val DEVICE_NAME: String = "Test Signal"

    /** The signal's sample at [frame] of [channel] at [sampleRate]; deterministic. */
    fun sample(sampleRate: Int, frame: Long, channel: Int): Float {
        val t = frame.toDouble() / sampleRate
        val left = channel % 2 == 0
        val tone = if (left) 220.0 else 330.0
        val swellRate = if (left) 0.4 else 0.27
        val swell = 0.5 + 0.5 * sin(2 * PI * swellRate * t + if (left) 0.0 else 1.3)
        val level = 0.03 + 0.45 * swell * swell
        val sinceClick = t % CLICK_PERIOD_SECONDS
        val click = 0.35 * exp(-sinceClick * 60) * noise(frame, channel)
        return (level * sin(2 * PI * tone * t) + click).toFloat()
    }

    /**
     * The test-signal input device of [backend]: added once (stereo, 48 kHz) to a virtual
     * backend, which keeps it for the process's life; null for any other backend.
     */
    fun deviceOf(backend: AudioBackend): AudioDevice? {
        if (backend !is VirtualBackend) return null
        synchronized(this) {
            backend.devices().firstOrNull { it.name == DEVICE_NAME }?.let { return it }
            return backend.addInput(DEVICE_NAME, 2, SAMPLE_RATE, VirtualSource.generator { format, frame, channel -> sample(format.sampleRate, frame, channel) })
        }
    }

    /** Deterministic white noise in -1..1 from a frame and channel (an integer hash). */
    private fun noise(frame: Long, channel: Int): Double {
        var x = frame * 0x9E3779B97F4A7C15uL.toLong() + channel * 0x632BE59BD9B4E019L
        x = (x xor (x ushr 31)) * 0xBF58476D1CE4E5B9uL.toLong()
        x = x xor (x ushr 29)
        return (x ushr 11).toDouble() / (1L shl 53) * 2 - 1
    }

    private const val CLICK_PERIOD_SECONDS = 0.75
    private const val SAMPLE_RATE = 48_000
}
