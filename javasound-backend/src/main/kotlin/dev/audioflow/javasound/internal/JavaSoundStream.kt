package dev.audioflow.javasound.internal

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamInfo
import dev.audioflow.spi.BackendStream
import dev.audioflow.spi.StreamRequest
import dev.audioflow.spi.Wakeup
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import javax.sound.sampled.DataLine
import javax.sound.sampled.SourceDataLine
import javax.sound.sampled.TargetDataLine
import kotlin.time.Duration

/**
 * A Java Sound stream: an input line, an output line or both (duplex over the two lines of one
 * mixer or of two), driven by one dedicated thread of [Thread.MAX_PRIORITY] running [LinePump]
 * cycles in place of a native callback.
 *
 * [stop] lets the thread finish its block, then drains the output line; [abort] flushes the
 * lines, which makes a blocked read or write return at once. Both return after the thread has
 * ended, so the endpoint is not touched again. [health] reports the thread's failure and, at
 * most every [PRESENCE_CHECK_NANOS], whether the stream's mixers are still listed: a mixer gone
 * from Java Sound's list fails the stream with [AudioErrorKind.StreamInvalidated] naming it.
 */
@OptIn(DelicateAudioApi::class)
internal class JavaSoundStream(
    request: StreamRequest,
    private val lines: OpenLines,
    private val stillPresent: () -> String?,
    private val backendName: String,
) : BackendStream {
    private val frames = request.config.nominalBlockFrames
    private val pump = LinePump(request.endpoint, lines.input, lines.output, lines.sampleFormat, frames)
    private val format = request.config.format
    private var thread: Thread? = null
    private var halted = false

    @Volatile private var running = false

    @Volatile private var failure: AudioException? = null

    private var lastPresenceCheck = System.nanoTime()

    override val wakeup: Wakeup = Wakeup.polling(Wakeup.pollPeriodFor(format.durationOf(frames.toLong())), request.endpoint)

    override val info: StreamInfo = StreamInfo(
        sampleRate = format.sampleRate.toDouble(),
        inputLatency = lines.input?.let(::bufferDuration) ?: Duration.ZERO,
        outputLatency = lines.output?.let(::bufferDuration) ?: Duration.ZERO,
        blockSize = BlockSize.Fixed(frames),
        backend = backendName,
        description = "Java Sound ${lines.describe()}, ${lines.sampleFormat}",
    )

    private fun bufferDuration(line: DataLine): Duration = format.durationOf((line.bufferSize / line.format.frameSize).toLong())

    override suspend fun start() {
        if (thread != null || halted) return
        running = true
        lines.output?.start()
        lines.input?.start()
        thread = Thread(::run, "audioflow-javasound-${lines.deviceNames}").apply {
            isDaemon = true
            priority = Thread.MAX_PRIORITY
            start()
        }
    }

    private fun run() {
        try {
            while (running) {
                if (!pump.cycle()) {
                    if (running) failure = invalidated("a line of ${lines.deviceNames} stopped delivering", null)
                    return
                }
            }
        } catch (e: RuntimeException) {
            failure = invalidated("Java Sound failed on ${lines.deviceNames}: ${e.message}", e)
        }
    }

    override suspend fun stop() = halt(drain = true)

    override suspend fun abort() = halt(drain = false)

    override suspend fun close() {
        halt(drain = false)
        withContext(Dispatchers.IO) { lines.close() }
    }

    private suspend fun halt(drain: Boolean) {
        if (halted) return
        halted = true
        running = false
        val running = thread ?: return
        withContext(Dispatchers.IO) {
            while (running.isAlive) {
                lines.input?.flush()
                if (!drain) lines.output?.flush()
                running.join(JOIN_SLICE_MILLIS)
            }
            lines.output?.let { if (drain && failure == null) it.drain() else it.flush() }
            lines.output?.stop()
            lines.input?.stop()
        }
    }

    override fun health(): AudioException? {
        failure?.let { return it }
        val now = System.nanoTime()
        if (now - lastPresenceCheck >= PRESENCE_CHECK_NANOS) {
            lastPresenceCheck = now
            stillPresent()?.let { gone -> failure = invalidated("Java Sound device '$gone' was removed while the stream was running", null) }
        }
        return failure
    }

    private fun invalidated(message: String, cause: Throwable?) =
        AudioException(AudioErrorKind.StreamInvalidated, message, cause, backend = backendName)

    private companion object {
        /** How often [health] re-reads the mixer list: four times a second, so a removal fails the stream within a second. */
        const val PRESENCE_CHECK_NANOS = 250_000_000L
        const val JOIN_SLICE_MILLIS = 20L
    }
}

/** The opened lines of one stream, with what they were opened for. */
internal class OpenLines(
    val input: TargetDataLine?,
    val output: SourceDataLine?,
    val inputName: String?,
    val outputName: String?,
    val sampleFormat: dev.audioflow.SampleFormat,
) {
    val deviceNames: String get() = listOfNotNull(inputName, outputName).distinct().joinToString(" / ") { "'$it'" }

    fun describe(): String = buildList {
        if (input != null) add("in $inputName (${input.bufferSize / input.format.frameSize} frames buffered)")
        if (output != null) add("out $outputName (${output.bufferSize / output.format.frameSize} frames buffered)")
    }.joinToString(", ")

    fun close() {
        input?.close()
        output?.close()
    }
}
