package dev.audioflow.samples

import com.github.ajalt.clikt.core.ParameterHolder
import com.github.ajalt.clikt.parameters.options.convert
import com.github.ajalt.clikt.parameters.options.option
import dev.audioflow.AudioException
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.FileSubtype

/**
 * `--format int16|int24|float32|vorbis|...`: how samples are stored in the file being written,
 * a sample format or a libsndfile subtype ([FileSubtype.parse]); null when not given.
 */
fun ParameterHolder.fileFormatOption(default: String) =
    option(
        "--format",
        metavar = "int16|int24|int32|float32|uint8|vorbis|opus|mp3|alac_24|...",
        help = "How samples are stored (default $default where the file's format holds it, else that format's own default: FLAC int16, .ogg vorbis, .opus opus, .mp3 mp3)",
    ).convert { value ->
        try {
            FileSubtype.parse(value)
        } catch (e: AudioException) {
            fail(e.message)
        }
    }

/** `--type wav|flac|ogg|...`: the container, when the extension does not say it. */
fun ParameterHolder.fileTypeOption() =
    option("--type", metavar = "wav|flac|ogg|mp3|aiff|caf|rf64|w64|au|...", help = "File format, when the extension does not give it").convert { value ->
        try {
            FileFormat.parse(value)
        } catch (e: AudioException) {
            fail(e.message)
        }
    }

