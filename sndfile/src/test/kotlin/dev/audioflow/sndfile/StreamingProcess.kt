package dev.audioflow.sndfile

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import java.nio.file.Path

/**
 * The child JVM of [AudioFileSpec], started with a heap smaller than the file: writes `args[1]`
 * seconds of 8-channel float audio at 48 kHz to `args[0]` with [writeAudioFile], reads it back
 * with [audioFile], and checks every sample on the way.
 */
fun main(args: Array<String>) {
    val format = AudioFormat(48_000, 8)
    val frames = 48_000L * args[1].toInt()
    val path = Path.of(args[0])
    val written = runBlocking {
        flow {
            var frame = 0L
            while (frame < frames) {
                emit(FloatBlock(format, testSamples(4_800, 8, frame), frame))
                frame += 4_800
            }
        }.writeAudioFile(path, FileFormat.WAV, FileSubtype.FLOAT)
    }
    var read = 0L
    runBlocking {
        audioFile(path, blockFrames = 4_800).collect { block ->
            check(block.samples.contentEquals(testSamples(block.frames, 8, block.frameIndex))) { "samples differ at frame ${block.frameIndex}" }
            read += block.frames
        }
    }
    println("wrote $written frames, read $read frames; heap max ${Runtime.getRuntime().maxMemory() / 1_000_000} MB")
}
