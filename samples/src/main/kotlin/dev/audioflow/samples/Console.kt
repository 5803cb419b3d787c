package dev.audioflow.samples

import java.io.FileDescriptor
import java.io.FileOutputStream
import java.io.FilterOutputStream
import java.io.IOException
import java.io.OutputStream
import java.io.PrintStream
import java.util.Locale
import kotlin.math.log10
import kotlin.math.roundToInt

/**
 * Where the command-line program writes: results on [out], live displays and errors on [err].
 *
 * Live displays (progress bars, meters) are drawn only when [interactive] (a terminal), so
 * piped output and logs hold just the results.
 */
class Console(val out: PrintStream, val err: PrintStream, val interactive: Boolean) {
    /**
     * Prints one line of results.
     *
     * @throws CommandFailure when the line cannot be written (a full disk, a pipe whose reader
     *   has gone as in `audioflow jack watch | head -1`): the command ends with that error
     *   instead of writing into the void.
     */
    fun println(text: String = "") {
        out.println(text)
        out.flush()
        if (out.checkError()) throw CommandFailure("cannot write to standard output: ${(out as? ReportingStream)?.lastFailure ?: "write error"}")
    }

    /** Prints one line of diagnostics. */
    fun note(text: String) {
        err.println(text)
        err.flush()
    }

    companion object {
        /** The process's streams; interactive when stdout and stderr are terminals and TERM is not `dumb`. */
        fun system(): Console {
            val terminal = System.console() != null && System.getenv("TERM") != "dumb"
            return Console(ReportingStream(FileOutputStream(FileDescriptor.out)), System.err, terminal)
        }
    }
}

/**
 * A [PrintStream] that remembers why a write failed (`No space left on device`, `Broken pipe`):
 * a plain `PrintStream` only records that one did ([checkError]).
 */
class ReportingStream(target: OutputStream) : PrintStream(Recorder(target), false, Charsets.UTF_8) {
    /** The reason of the last failed write, or null. */
    val lastFailure: String? get() = (recorder as Recorder).failure

    private val recorder: OutputStream get() = out

    private class Recorder(target: OutputStream) : FilterOutputStream(target) {
        @Volatile var failure: String? = null

        override fun write(b: Int) = recording { out.write(b) }

        override fun write(b: ByteArray, off: Int, len: Int) = recording { out.write(b, off, len) }

        override fun flush() = recording { out.flush() }

        private inline fun recording(block: () -> Unit) {
            try {
                block()
            } catch (e: IOException) {
                failure = e.message ?: "write error"
                throw e
            }
        }
    }
}

/**
 * A block of lines redrawn in place on the terminal (progress bar and meters), at most
 * [maxFps] times a second. Does nothing on a non-interactive console.
 */
class LiveDisplay(private val console: Console, private val maxFps: Int = 20) {
    private var drawnLines = 0
    private var lastDraw = 0L

    /** Redraws with [lines] unless the last draw was less than a frame ago; [force] draws anyway. */
    fun update(force: Boolean = false, lines: () -> List<String>) {
        if (!console.interactive) return
        val now = System.nanoTime()
        if (!force && drawnLines > 0 && now - lastDraw < 1_000_000_000L / maxFps) return
        lastDraw = now
        val text = lines()
        val sb = StringBuilder()
        if (drawnLines > 0) sb.append("\u001b[").append(drawnLines).append('F')
        for (line in text) sb.append("\u001b[2K").append(line).append('\n')
        repeat(drawnLines - text.size) { sb.append("\u001b[2K\n") }
        console.err.print(sb)
        console.err.flush()
        drawnLines = maxOf(drawnLines, text.size)
    }
}

/** Text renderings shared by the commands. */
object Render {
    private const val FLOOR_DB = -60.0

    /** `[#####.....]  50%  3.0/6.0 s` */
    fun progress(done: Double, total: Double, width: Int = 30): String {
        val fraction = if (total <= 0) 1.0 else (done / total).coerceIn(0.0, 1.0)
        val filled = (fraction * width).roundToInt()
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " +
            String.format(Locale.ROOT, "%3d%%  %.1f/%.1f s", (fraction * 100).roundToInt(), done, total)
    }

    /** `L  ██████████░░░░░░░░░░  -12.3 dBFS peak  -18.0 dBFS rms` for one channel. */
    fun meter(label: String, peakDb: Double, rmsDb: Double, width: Int = 30): String {
        val filled = (((peakDb.coerceAtLeast(FLOOR_DB) - FLOOR_DB) / -FLOOR_DB) * width).roundToInt().coerceIn(0, width)
        val rmsCells = (((rmsDb.coerceAtLeast(FLOOR_DB) - FLOOR_DB) / -FLOOR_DB) * width).roundToInt().coerceIn(0, filled)
        val bar = "█".repeat(rmsCells) + "▆".repeat(filled - rmsCells) + "·".repeat(width - filled)
        return String.format(Locale.ROOT, "%-3s %s %s peak %s rms", label, bar, db(peakDb), db(rmsDb))
    }

    /** A level in dBFS, `-inf` for silence. */
    fun db(value: Double): String =
        if (value.isInfinite() || value < -200) "  -inf dBFS" else String.format(Locale.ROOT, "%6.1f dBFS", value)

    /** Linear amplitude to dBFS. */
    fun toDb(linear: Double): Double = if (linear <= 0.0) Double.NEGATIVE_INFINITY else 20 * log10(linear)

    /** Channel labels: `L`/`R` for stereo, numbers otherwise. */
    fun channelLabel(channel: Int, channels: Int): String = when {
        channels == 2 && channel == 0 -> "L"
        channels == 2 && channel == 1 -> "R"
        else -> (channel + 1).toString()
    }

    /** Seconds with millisecond precision. */
    fun seconds(value: Double): String = String.format(Locale.ROOT, "%.3f s", value)
}
