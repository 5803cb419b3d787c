package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.float
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioDevice
import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamConfig
import dev.audioflow.process
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import com.github.ajalt.clikt.parameters.options.flag
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats
import dev.audioflow.duplex
import dev.audioflow.findDevice
import dev.audioflow.flow.gain
import dev.audioflow.flow.meter
import dev.audioflow.flow.takeDuration
import kotlinx.coroutines.flow.onEach
import java.util.Locale
import kotlin.math.roundToLong
import kotlin.time.Duration.Companion.seconds
import kotlin.time.DurationUnit

/** `audioflow wire`: full-duplex passthrough from the input device to the output device. */
class WireCommand : AudioCommand("wire") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Stop after S seconds (default: run until Ctrl-C)").double().restrictTo(0.001..1e9)
    private val gain by option("--gain", "-g", metavar = "G", help = "Linear gain applied on the way through (default 1)").float().restrictTo(0f..16f).default(1f)
    private val processor by option("--processor", help = "Pass through in an audio-thread processor inside the native callback (no Flow, no added latency) instead of the Flow duplex path").flag()
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
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesIn.toDouble() / rate }, { status(monitor) }, logEvery = 1.0)
        val path = if (processor) "audio-thread processor" else "Flow duplex"
        val banner = "Wiring '${input.name}' -> '${output.name}' (${input.backend.name}, $path), ${config.format}, block ${config.blockSize}, gain $gain" + (if (seconds == null) "; Ctrl-C stops" else "")
        val passed = SignalSummary()
        runInterruptible(seconds?.let { WallLimit(it, config.nominalBlockFrames.toDouble() / rate, { wiredSeconds(passed, monitor, rate) }) {} }) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                if (processor) {
                    runProcessor(input, output, config, monitor)
                } else {
                    input.duplex(config, output, monitor) { flow ->
                        val limited = seconds?.let { flow.takeDuration(it.seconds) } ?: flow
                        limited.gain(gain).onEach { passed.add(it) }.meter(dashboard.levels)
                    }
                }
            } finally {
                announced.cancel()
                dashboard.stop()
            }
        }
        console.println("Wired ${Render.seconds(wiredSeconds(passed, monitor, rate))}: ${status(monitor)}")
    }

    /** `--processor`: the same passthrough (with gain) as an [AudioProcessor] on the audio thread, for `--seconds` of audio or until cancelled. */
    @OptIn(DelicateAudioApi::class)
    private suspend fun runProcessor(input: AudioDevice, output: AudioDevice, config: StreamConfig, monitor: StreamMonitor) {
        val samplesPerFrame = config.format.channels
        val g = gain
        val pass = AudioProcessor { inSamples, outSamples, frames, _ ->
            for (i in 0 until frames * samplesPerFrame) outSamples[i] = inSamples[i] * g
        }
        val limit = seconds ?: return input.process(config, output, monitor, pass)
        val frames = (limit * config.format.sampleRate).roundToLong()
        coroutineScope {
            val stream = launch { input.process(config, output, monitor, pass) }
            monitor.stats.first { it.framesIn >= frames }
            stream.cancelAndJoin()
        }
    }

    /** Audio passed so far: the Flow path's blocks, or the processor's frames. */
    private fun wiredSeconds(passed: SignalSummary, monitor: StreamMonitor, rate: Int): Double =
        if (processor) monitor.stats.value.framesIn.toDouble() / rate else passed.seconds

    /** The `--output` device, else the device given with `--device` when it can play, else the default output. */
    private fun pickOutput(input: AudioDevice): AudioDevice {
        outputQuery?.let { return audio.backend.findDevice(it) }
        if (audio.deviceQuery != null && input.maxOutputChannels > 0) return input
        return audio.backend.defaultOutputDevice()
    }

    /** The counters and the round trip the stream has now (device, queue and not yet resynced underflows). */
    private fun status(monitor: StreamMonitor): String = counters(monitor.stats.value) + roundTrip(monitor)

    private fun roundTrip(monitor: StreamMonitor): String {
        val info = monitor.info.value ?: return ""
        val seconds = info.roundTripLatency.toDouble(DurationUnit.SECONDS)
        return String.format(Locale.ROOT, "  round trip %.1f ms (%d frames)", seconds * 1000, (seconds * info.sampleRate).roundToLong())
    }

    private fun counters(s: StreamStats): String =
        "xruns ${s.xruns}, input overflows ${s.inputOverflows} (${s.droppedFrames} frames), output underflows ${s.outputUnderflows} (${s.silencedFrames} frames), resyncs ${s.resyncs} (${s.resyncDroppedFrames} frames)"
}
