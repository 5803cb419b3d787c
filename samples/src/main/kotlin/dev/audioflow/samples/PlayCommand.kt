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
import dev.audioflow.playOn
import kotlinx.coroutines.flow.onEach
import kotlin.time.DurationUnit

/** `audioflow play FILE`: plays an audio file (any format libsndfile reads; WAV without it). */
class PlayCommand : AudioCommand("play") {
    private val file by argument("FILE", help = "The audio file to play: .wav, .flac, .ogg, .opus, .mp3, .aiff, .caf, .rf64, .w64, .au...").path(mustExist = true, canBeDir = false, mustBeReadable = true)

    override fun help(context: Context): String = "Play an audio file on the output device, with progress and meters."

    override fun execute() {
        val source = AudioFileSource(file)
        val device = audio.outputDevice()
        val rate = audio.rate ?: source.format.sampleRate
        val config = StreamConfig(source.format.copy(sampleRate = rate), audio.blockSize, audio.latency)
        val check = device.backend.checkFormat(null, device, config)
        if (check is FormatCheck.Unsupported) throw AudioException(AudioErrorKind.UnsupportedFormat, "$file: ${check.reason}")
        val seconds = source.duration.toDouble(DurationUnit.SECONDS)
        val monitor = StreamMonitor()
        val summary = SignalSummary()
        val dashboard = Dashboard(console, seconds, { monitor.stats.value.framesOut.toDouble() / rate })
        val banner = "Playing $file (${source.description}, ${Render.seconds(seconds)}, ${source.format}) on '${device.name}' (${device.backend.name})" + if (rate != source.format.sampleRate) ", resampled to $rate Hz" else ""
        runInterruptible(WallLimit(seconds, config.nominalBlockFrames.toDouble() / rate, { monitor.stats.value.framesOut.toDouble() / rate }) {}) {
            val announced = announceWhenOpen(console, monitor, banner)
            dashboard.start(this)
            try {
                source.blocks().resample(rate)
                    .onEach { summary.add(it) }
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
