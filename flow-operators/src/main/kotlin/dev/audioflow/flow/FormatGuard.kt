package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock

/**
 * Remembers the format of the first block of a Flow and rejects later blocks with another one:
 * operators that keep per-channel state cannot follow a format change mid-stream.
 */
internal class FormatGuard(private val operator: String) {
    var format: AudioFormat? = null
        private set

    fun check(block: FloatBlock): AudioFormat {
        val known = format ?: return block.format.also { format = it }
        if (known != block.format) {
            invalidArgument("$operator: block at frame ${block.frameIndex} has format ${block.format}, earlier blocks had $known")
        }
        return known
    }
}
