package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import dev.audioflow.input
import kotlinx.coroutines.flow.collect
import kotlin.time.Duration.Companion.seconds

/** `audioflow meter`: live input levels. */
class MeterCommand : AudioCommand("meter") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Stop after S seconds (default: run until Ctrl-C)").double().restrictTo(0.001..1e9)
    private val channels by option("--channels", "-c", metavar = "N", help = "Channels to meter (default: up to 2)").int().restrictTo(1..1024)
    private val window by option("--window", metavar = "FRAMES", help = "Frames per meter reading (default 4800)").int().restrictTo(1..1_000_000).default(4800)

    override fun help(context: Context): String = "Show live peak and RMS levels of the input device."

    override fun execute() {
        val device = audio.inputDevice()
        val config = audio.config(device, channels ?: defaultChannels(device.maxInputChannels))
        val monitor = StreamMonitor()
        val rate = config.format.sampleRate
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesIn.toDouble() / rate }, logEvery = 1.0)
        val banner = "Metering '${device.name}' (${device.backend.name}), ${config.format}" + (if (seconds == null) "; Ctrl-C stops" else "")
        runInterruptible(seconds?.let { WallLimit(it, config.nominalBlockFrames.toDouble() / rate, { summary.seconds }) {} }) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                val input = device.input(config, monitor)
                (seconds?.let { input.takeDuration(it.seconds) } ?: input)
                    .meter(dashboard.levels, window)
                    .collect { summary.add(it) }
            } finally {
                announced.cancel()
                dashboard.stop()
            }
        }
        console.println("Metered ${Render.seconds(summary.seconds)} from '${device.name}': ${summary.levelsText()}")
    }
}
