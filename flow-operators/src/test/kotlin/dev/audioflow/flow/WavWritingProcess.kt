package dev.audioflow.flow

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import java.nio.file.Path

/**
 * The child JVM of [WavRepairSpec]: writes [testSample] frames to `args[0]` with [writeWav] (as
 * `args[1]`, switching to RF64 past `args[2]` bytes) in 1000-frame blocks of `args[3]` channels
 * until it is killed.
 */
fun main(args: Array<String>) {
    val format = AudioFormat(48_000, args[3].toInt())
    val blocks = flow {
        var frame = 0L
        while (true) {
            emit(FloatBlock(format, testSamples(1_000, format.channels, frame), frame))
            frame += 1_000
        }
    }
    runBlocking { blocks.writeWav(Path.of(args[0]), SampleFormat.valueOf(args[1]), format, args[2].toLong()) }
}
