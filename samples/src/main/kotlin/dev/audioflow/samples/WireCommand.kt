package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.float
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioDevice
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats
import dev.audioflow.duplex
import dev.audioflow.duplexPrefillFrames
import dev.audioflow.findDevice
import dev.audioflow.flow.gain
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import kotlinx.coroutines.flow.onEach
import java.util.Locale
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.DurationUnit

/** `audioflow wire`: full-duplex passthrough from the input device to the output device. */
class WireCommand : AudioCommand("wire") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Stop after S seconds (default: run until Ctrl-C)").double().restrictTo(0.001..1e9)
    private val gain by option("--gain", "-g", metavar = "G", help = "Linear gain applied on the way through (default 1)").float().restrictTo(0f..16f).default(1f)
    private val outputQuery by option("--output", "-o", metavar = "ID|NAME", help = "Output device when it differs from --device (default: the backend's default output)")

    override fun help(context: Context): String =
        "Full-duplex passthrough: input to output, with live xrun, overflow, underflow and latency status."

    override fun execute() {
        val input = audio.inputDevice()
        val output = pickOutput(input)
        val channels = defaultChannels(input.maxInputChannels, output.maxOutputChannels)
        val config = audio.config(input, channels, outputChannels = channels)
        val monitor = StreamMonitor()
        val rate = config.format.sampleRate
        @OptIn(DelicateAudioApi::class)
        val prefill = config.format.durationOf(duplexPrefillFrames(config).toLong())
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesIn.toDouble() / rate }, { status(monitor, prefill) }, logEvery = 1.0)
        val banner = "Wiring '${input.name}' -> '${output.name}' (${input.backend.name}), ${config.format}, block ${config.blockSize}, gain $gain" + (if (seconds == null) "; Ctrl-C stops" else "")
        val passed = SignalSummary()
        runInterruptible(seconds?.let { WallLimit(it, config.nominalBlockFrames.toDouble() / rate, { passed.seconds }) {} }) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                input.duplex(config, output, monitor) { flow ->
                    val limited = seconds?.let { flow.takeDuration(it.seconds) } ?: flow
                    limited.gain(gain).onEach { passed.add(it) }.meter(dashboard.levels)
                }
            } finally {
                announced.cancel()
                dashboard.stop()
            }
        }
        console.println("Wired ${Render.seconds(passed.seconds)}: ${counters(monitor.stats.value)}")
    }

    /** The `--output` device, else the device given with `--device` when it can play, else the default output. */
    private fun pickOutput(input: AudioDevice): AudioDevice {
        outputQuery?.let { return audio.backend.findDevice(it) }
        if (audio.deviceQuery != null && input.maxOutputChannels > 0) return input
        return audio.backend.defaultOutputDevice()
    }

    private fun status(monitor: StreamMonitor, prefill: Duration): String {
        val info = monitor.info.value
        val latency = if (info == null) "" else String.format(
            Locale.ROOT, "  latency in %.1f ms + out %.1f ms + queue %.1f ms",
            info.inputLatency.toDouble(DurationUnit.MILLISECONDS), info.outputLatency.toDouble(DurationUnit.MILLISECONDS), prefill.toDouble(DurationUnit.MILLISECONDS),
        )
        return counters(monitor.stats.value) + latency
    }

    private fun counters(s: StreamStats): String =
        "xruns ${s.xruns}, input overflows ${s.inputOverflows} (${s.droppedFrames} frames), output underflows ${s.outputUnderflows} (${s.silencedFrames} frames)"
}
