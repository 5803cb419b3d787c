package dev.audioflow.benchmarks

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.flow.repairWav
import dev.audioflow.flow.wavInfo
import dev.audioflow.flow.writeWav
import dev.audioflow.sndfile.audioFile
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.util.Locale
import java.util.concurrent.TimeUnit

/** Frames in the repeating pattern the check writes: sample = f(frame mod [PATTERN], channel). */
private const val PATTERN = 4_800

private fun patternSample(frame: Long, channel: Int): Float = ((frame % PATTERN) * 8 + channel - 19_200) / 24_000f

/**
 * `java -cp benchmarks.jar dev.audioflow.benchmarks.WavRf64CheckKt FILE [SECONDS]`: writes
 * [SECONDS] (default 3730: 4.3 GB) of 8-channel 24-bit 48 kHz audio with `writeWav`, past the real
 * 4 GiB RIFF limit, and checks that the file turned RF64 with every frame addressed: by
 * `wavInfo`, by `soxi`, and by reading its last frames back through libsndfile. Then it sets the
 * `ds64` sizes back by one flush, as a crash would leave them, and checks that `repairWav`
 * restores them. Deletes the file at the end. `benchmarks/wav-rf64` runs it.
 */
fun main(args: Array<String>) {
    val path = Path.of(args[0])
    val seconds = args.getOrNull(1)?.toLong() ?: 3_730L
    val format = AudioFormat(48_000, 8)
    val frames = seconds * format.sampleRate
    val block = FloatArray(PATTERN * 8) { patternSample((it / 8).toLong(), it % 8) }
    val start = System.nanoTime()
    try {
        val written = runBlocking {
            flow {
                var frame = 0L
                while (frame < frames) {
                    val n = minOf(PATTERN.toLong(), frames - frame).toInt()
                    emit(FloatBlock(format, if (n == PATTERN) block else block.copyOf(n * 8), frame))
                    frame += n
                }
            }.writeWav(path, SampleFormat.INT24)
        }
        val wall = (System.nanoTime() - start) / 1e9
        val size = Files.size(path)
        println(String.format(Locale.ROOT, "wrote %d frames, %.2f GB (%.2f GiB) in %.1f s (%.0f MB/s)", written, size / 1e9, size / 1073741824.0, wall, size / 1e6 / wall))
        check(size > 0xFFFF_FFFFL) { "the file is $size bytes: not past 4 GiB" }
        val info = wavInfo(path)
        check(info.rf64) { "the file did not turn RF64" }
        check(info.frames == frames) { "wavInfo reads ${info.frames} frames, ${frames} were written" }
        check(info.dataOffset + frames * info.blockAlign == size) { "the data chunk does not end at the end of the file" }
        println("wavInfo: RF64, ${info.frames} frames, data at byte ${info.dataOffset}")
        val soxi = ProcessBuilder("soxi", "-s", path.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start()
        val soxiFrames = soxi.inputStream.bufferedReader().readText().trim()
        soxi.waitFor(60, TimeUnit.SECONDS)
        check(soxiFrames == frames.toString()) { "soxi reads $soxiFrames frames" }
        println("soxi -s: $soxiFrames frames")
        checkTail(path, frames)
        println("libsndfile: the last $PATTERN frames read back exactly")
        // The writer's last header update before a crash is at most one 64 KiB flush (of whole frames) behind.
        val flush = 64L * 1024 / info.blockAlign * info.blockAlign
        FileChannel.open(path, StandardOpenOption.WRITE).use { channel ->
            val data = frames * info.blockAlign
            val stale = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(size - 8 - flush).putLong(data - flush).putLong((data - flush) / info.blockAlign).flip()
            channel.write(stale, 20)
        }
        val before = wavInfo(path).frames
        val repair = repairWav(path)
        check(repair.repaired && repair.info.frames == frames) { "repairWav left ${repair.info.frames} frames" }
        println("crash left the header at $before frames; repairWav restored ${repair.info.frames}")
        println("wav-rf64: PASS")
    } finally {
        Files.deleteIfExists(path)
    }
}

/** Reads the last [PATTERN] frames through libsndfile (a seek past 4 GiB) and compares them with what was written, at 24-bit precision. */
private fun checkTail(path: Path, frames: Long) {
    val first = frames - PATTERN
    val tail = runBlocking { audioFile(path, first).toList() }.flatMap { it.samples.asList() }
    check(tail.size == PATTERN * 8) { "read ${tail.size / 8} tail frames" }
    for (i in tail.indices) {
        val expected = SampleFormat.INT24.let { it.decode(it.encode(floatArrayOf(patternSample(first + i / 8, i % 8)))) }[0]
        check(tail[i] == expected) { "frame ${first + i / 8} channel ${i % 8} reads ${tail[i]}, expected $expected" }
    }
}
