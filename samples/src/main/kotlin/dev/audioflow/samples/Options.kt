package dev.audioflow.samples

import com.github.ajalt.clikt.core.ParameterHolder
import com.github.ajalt.clikt.parameters.options.default
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.choice
import dev.audioflow.SampleFormat

/** The WAV sample formats the commands write, by their command-line names. */
val WAV_FORMATS: Map<String, SampleFormat> = linkedMapOf(
    "int16" to SampleFormat.INT16,
    "int24" to SampleFormat.INT24,
    "float32" to SampleFormat.FLOAT32,
)

/** `--format int16|int24|float32`, the sample format of a WAV file being written. */
fun ParameterHolder.wavFormatOption(default: String = "int16") =
    option("--format", metavar = WAV_FORMATS.keys.joinToString("|"), help = "WAV sample format (default $default)")
        .choice(WAV_FORMATS)
        .default(WAV_FORMATS.getValue(default), defaultForHelp = default)

/** The lowercase command-line name of [format]. */
fun wavFormatName(format: SampleFormat): String = WAV_FORMATS.entries.first { it.value == format }.key
