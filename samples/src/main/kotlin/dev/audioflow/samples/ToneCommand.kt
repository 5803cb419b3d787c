package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.float
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.fadeIn
import dev.audioflow.flow.fadeOut
import dev.audioflow.flow.meter
import dev.audioflow.flow.sine
import dev.audioflow.flow.takeDuration
import dev.audioflow.playOn
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** `audioflow tone`: plays a sine on the output device. */
class ToneCommand : AudioCommand("tone") {
    private val freq by option("--freq", "-f", metavar = "HZ", help = "Frequency in Hz (default 440)").double().restrictTo(1.0..100_000.0).default(440.0)
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Duration in seconds (default 2)").double().restrictTo(0.001..86_400.0).default(2.0)
    private val amplitude by option("--amplitude", "-a", metavar = "A", help = "Peak amplitude, 0..1 (default 0.2)").float().restrictTo(0f..1f).default(0.2f)

    override fun help(context: Context): String = "Play a sine tone on the output device."

    override fun execute() {
        val device = audio.outputDevice()
        val config = audio.config(device, defaultChannels(device.maxOutputChannels))
        val monitor = StreamMonitor()
        val rate = config.format.sampleRate
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesOut.toDouble() / rate })
        val banner = "Playing ${freq} Hz for $seconds s on '${device.name}' (${device.backend.name}), ${config.format}"
        runInterruptible(WallLimit(seconds, config.nominalBlockFrames.toDouble() / rate, { monitor.stats.value.framesOut.toDouble() / rate }) {}) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                sine(freq, config.format, amplitude, config.nominalBlockFrames)
                    .takeDuration(seconds.seconds)
                    .fadeIn(10.milliseconds)
                    .fadeOut(10.milliseconds)
                    .meter(dashboard.levels)
                    .playOn(device, config, monitor)
            } finally {
                announced.cancel()
                dashboard.stop()
            }
        }
        val stats = monitor.stats.value
        console.println("Played ${Render.seconds(stats.framesOut.toDouble() / rate)} of $freq Hz on '${device.name}', ${stats.outputUnderflows} underflow(s)")
    }
}
