package dev.audioflow.javasound

import dev.audioflow.AudioBackends
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import io.kotest.assertions.withClue
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import java.io.File
import kotlin.math.PI
import kotlin.math.sin

/**
 * What the Java Sound specs share: the registry's backend and the one device of the test ALSA
 * configuration (src/test/alsa/asound.conf, selected by Surefire through ALSA_CONFIG_PATH),
 * whose playback records into [recordFile] and whose capture plays back [sourceFile].
 */
object JavaSoundTesting {
    val FORMAT = AudioFormat(48_000, 2)

    /**
     * The backend as applications get it: through the registry. Java Sound reads a mixer's
     * formats once, when it first meets the mixer, and ALSA's file plugin cannot open a capture
     * whose file is missing, so the capture file is written before the first look.
     */
    val backend: JavaSoundBackend by lazy {
        writeSource(1024)
        AudioBackends.get("javasound") as JavaSoundBackend
    }

    /** The test configuration's `default` pcm, as Java Sound lists it. */
    val device: JavaSoundDevice get() = backend.defaultOutputDevice()

    private val outDir: File get() = File(System.getenv("AUDIOFLOW_ALSA_OUT") ?: error("AUDIOFLOW_ALSA_OUT is not set: run the Java Sound specs through Maven (Surefire sets it)"))

    /** What the device's playback wrote. */
    val recordFile: File get() = File(outDir, "js_record.raw")

    /** What the device's capture reads, from its start for every stream. */
    val sourceFile: File get() = File(outDir, "js_source.raw")

    /**
     * [frames] stereo frames of a 441 Hz sine quantised to 16 bits (so that 16-bit lines carry
     * it exactly), phase-shifted so that the first sample is not 0, in blocks of [blockFrames].
     */
    fun sine(frames: Int, blockFrames: Int): List<FloatBlock> = (0 until frames step blockFrames).map { start ->
        val samples = FloatArray(blockFrames * 2) { i ->
            val frame = start + i / 2
            Math.round(0.5 * sin(2 * PI * 441 * frame / 48_000 + 0.3 + i % 2) * 32_768) / 32_768f
        }
        FloatBlock(FORMAT, samples, start.toLong())
    }

    /** Writes [frames] stereo 16-bit frames of a 16-bit sine into [sourceFile]; returns them as floats. */
    fun writeSource(frames: Int): FloatArray {
        val samples = sine(frames, frames).single().samples
        sourceFile.writeBytes(SampleFormat.INT16.encode(samples))
        return samples
    }

    /**
     * The 16-bit [recorded] bytes as floats, after leading silence and with [payloadFrames]
     * frames; checks that only silence follows them.
     */
    fun payload(recorded: ByteArray, payloadFrames: Int): FloatArray {
        val frameBytes = 4
        var start = 0
        while (start < recorded.size && recorded.copyOfRange(start, start + frameBytes).all { it == 0.toByte() }) start += frameBytes
        val payloadBytes = payloadFrames * frameBytes
        withClue("bytes after the leading silence") { (recorded.size - start) shouldBeGreaterThanOrEqual payloadBytes }
        val tail = recorded.copyOfRange(start + payloadBytes, recorded.size)
        withClue("the bytes after the payload (${tail.size} of them) must all be silence") { tail.indexOfFirst { it != 0.toByte() } shouldBe -1 }
        return SampleFormat.INT16.decode(recorded.copyOfRange(start, start + payloadBytes))
    }
}
