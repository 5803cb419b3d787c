package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.types.path
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.FormatCheck
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.flow.meter
import dev.audioflow.flow.resample
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.wavInfo
import dev.audioflow.playOn
import kotlinx.coroutines.flow.onEach
import kotlin.time.DurationUnit

/** `audioflow play FILE.wav`: plays a WAV file. */
class PlayCommand : AudioCommand("play") {
    private val file by argument("FILE.wav", help = "The WAV file to play").path(mustExist = true, canBeDir = false, mustBeReadable = true)

    override fun help(context: Context): String = "Play a WAV file on the output device, with progress and meters."

    override fun execute() {
        val info = wavInfo(file)
        val device = audio.outputDevice()
        val rate = audio.rate ?: info.format.sampleRate
        val config = StreamConfig(info.format.copy(sampleRate = rate), audio.blockSize, audio.latency)
        val check = device.backend.checkFormat(null, device, config)
        if (check is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.UnsupportedFormat, "$file: ${check.reason}")
        val monitor = StreamMonitor()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, info.duration.toDouble(DurationUnit.SECONDS), { monitor.stats.value.framesOut.toDouble() / rate })
        val banner = "Playing $file (${Render.seconds(info.duration.toDouble(DurationUnit.SECONDS))}, ${info.format}) on '${device.name}' (${device.backend.name})" + if (rate != info.format.sampleRate) ", resampled to $rate Hz" else ""
        runInterruptible(WallLimit(info.duration.toDouble(DurationUnit.SECONDS), config.nominalBlockFrames.toDouble() / rate, { monitor.stats.value.framesOut.toDouble() / rate }) {}) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                val source = wavFile(file).resample(rate)
                source.onEach { summary.add(it) }
                    .meter(dashboard.levels, rate / 20)
                    .playOn(device, config, monitor)
            } finally {
                announced.cancel()
                dashboard.stop()
            }
        }
        console.println("Played ${Render.seconds(summary.seconds)} of $file on '${device.name}': ${summary.levelsText()}, ${monitor.stats.value.outputUnderflows} underflow(s)")
    }
}
