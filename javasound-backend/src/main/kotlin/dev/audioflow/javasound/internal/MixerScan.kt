package dev.audioflow.javasound.internal

import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import dev.audioflow.javasound.JavaSoundBackend
import dev.audioflow.javasound.JavaSoundDevice
import javax.sound.sampled.AudioSystem
import javax.sound.sampled.DataLine
import javax.sound.sampled.Line
import javax.sound.sampled.Mixer
import javax.sound.sampled.SourceDataLine
import javax.sound.sampled.TargetDataLine

/**
 * Reads Java Sound's mixers into devices: every mixer with a `SourceDataLine` (output) or a
 * `TargetDataLine` (input) in a format the backend can drive. Port mixers (volume controls) and
 * clip-only mixers are left out. The first mixer with each side is the default for it: Java
 * Sound lists the system's default device first (ALSA's `default`, Core Audio's default device,
 * Windows' Primary Sound Driver).
 */
internal fun scanMixers(backend: JavaSoundBackend, system: MixerSystem): List<JavaSoundDevice> {
    val found = system.mixerInfos().mapNotNull { info ->
        val mixer = system.mixer(info)
        val input = side(mixer, TargetDataLine::class.java, mixer.targetLineInfo)
        val output = side(mixer, SourceDataLine::class.java, mixer.sourceLineInfo)
        if (input.maxChannels == 0 && output.maxChannels == 0) null else Triple(info, input, output)
    }
    val defaultIn = found.firstOrNull { it.second.maxChannels > 0 }?.first
    val defaultOut = found.firstOrNull { it.third.maxChannels > 0 }?.first
    return found.mapIndexed { index, (info, input, output) ->
        val rates = (input.rates + output.rates).distinct().sorted()
        JavaSoundDevice(
            backend = backend,
            index = index,
            name = info.name,
            vendor = info.vendor,
            description = info.description,
            hostApi = hostApiName(info),
            maxInputChannels = input.maxChannels,
            maxOutputChannels = output.maxChannels,
            defaultSampleRate = preferredRate(rates),
            supportedSampleRates = rates,
            isDefaultInput = info === defaultIn,
            isDefaultOutput = info === defaultOut,
            mixerInfo = info,
        )
    }
}

/** `Java Sound (ALSA)` for the vendor `ALSA (http://www.alsa-project.org)`: the part before any parenthesis. */
internal fun hostApiName(info: Mixer.Info): String {
    val vendor = info.vendor.substringBefore(" (").trim()
    return if (vendor.isEmpty()) JavaSoundBackend.HOST_API else "${JavaSoundBackend.HOST_API} ($vendor)"
}

private class Side(val maxChannels: Int, val rates: List<Int>)

/**
 * The channels and standard rates of a mixer's lines of [lineClass]: its most channels over
 * drivable formats (a format that does not specify them, like ALSA's plug devices, counts as
 * the most audioflow takes), and the standard rates at which the mixer supports a 16-bit line
 * of up to two channels.
 */
private fun side(mixer: Mixer, lineClass: Class<out DataLine>, infos: Array<Line.Info>): Side {
    val formats = infos.filterIsInstance<DataLine.Info>()
        .filter { lineClass.isAssignableFrom(it.lineClass) }
        .flatMap { it.formats.asList() }
        .filter { it.encoding in DRIVABLE_ENCODINGS }
    if (formats.isEmpty()) return Side(0, emptyList())
    val maxChannels = formats.maxOf { f -> if (f.channels == AudioSystem.NOT_SPECIFIED || f.channels > AudioFormat.MAX_CHANNELS) AudioFormat.MAX_CHANNELS else f.channels }
    val probeChannels = minOf(2, maxChannels)
    val rates = AudioFormat.STANDARD_SAMPLE_RATES.filter { rate ->
        mixer.isLineSupported(DataLine.Info(lineClass, lineFormat(SampleFormat.INT16, rate, probeChannels)))
    }
    return Side(maxChannels, rates)
}

/** 48 kHz when supported, else 44.1 kHz, else the highest supported rate, else 48 kHz. */
private fun preferredRate(rates: List<Int>): Int = when {
    48_000 in rates || rates.isEmpty() -> 48_000
    44_100 in rates -> 44_100
    else -> rates.last()
}
