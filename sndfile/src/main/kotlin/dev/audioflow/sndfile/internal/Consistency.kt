package dev.audioflow.sndfile.internal

import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.Sndfile
import java.lang.System.Logger.Level

/**
 * Whether an opened file's header agrees with its length: libsndfile opens a truncated WAV,
 * AIFF, AU, W64 or RF64 file without an error and quietly reads fewer frames than the header
 * declares, noting the disagreement only in its log. This turns those notes into an error,
 * as the pure-Kotlin WAV reader does, so a cut file is never mistaken for a whole one.
 *
 * The log lines looked for (libsndfile 1.2): a data chunk declared larger than what is left
 * (`data : 192000 (should be 95957)`, `SSND : ...`, AU's `Data Size : ... (should be ...)`),
 * W64's `riff : ... (should be ...)`, and the `***` warnings about frame counts that disagree or
 * chunks that pass the end of the file. The whole log goes to the
 * [Sndfile.LOGGER] System.Logger at DEBUG for every file opened.
 */
internal object Consistency {
    private val logger = System.getLogger(Sndfile.LOGGER)

    private val dataLine = Regex("""^(data|SSND|Data Size)\s*:.*\(should be""")
    private val w64Riff = Regex("""^riff\s*:.*\(should be""")
    private val warning = Regex("""^\*\*\*.*(frame count|> file length|does not match)""", RegexOption.IGNORE_CASE)

    private val cafData = Regex("""^data\s*:\s*(\d+)\s*$""", RegexOption.MULTILINE)
    private val cafPacket = Regex("""^\s*Bytes / packet\s*:\s*(\d+)""", RegexOption.MULTILINE)

    /**
     * CAF's log names no disagreement: its `data` chunk size (4 bytes of edit count, then the
     * packets) and the packet size give the frames declared, which libsndfile cuts to the file.
     */
    private fun checkCaf(handle: SndfileHandle, log: String) {
        val data = cafData.find(log)?.groupValues?.get(1)?.toLongOrNull() ?: return
        val packet = cafPacket.find(log)?.groupValues?.get(1)?.toLongOrNull()?.takeIf { it > 0 } ?: return
        val declared = (data - 4) / packet
        if (declared > handle.info.frames) handle.malformed("its 'data' chunk declares $declared frames, the file holds ${handle.info.frames}")
    }

    /** @throws dev.audioflow.AudioException for a file whose header disagrees with its length. */
    fun check(handle: SndfileHandle) {
        val log = handle.log()
        logger.log(Level.DEBUG) { "libsndfile opened ${handle.path}:\n$log" }
        val lines = log.lineSequence().map { it.trim() }
        val bad = lines.firstOrNull { dataLine.containsMatchIn(it) || warning.containsMatchIn(it) || (handle.format == FileFormat.W64 && w64Riff.containsMatchIn(it)) }
        if (bad != null) {
            handle.malformed("its header disagrees with its length (libsndfile: '$bad')${if (handle.format == FileFormat.WAV || handle.format == FileFormat.RF64) "; repairWav (audioflow-flow-operators) fixes an interrupted recording's header" else ""}")
        }
        if (handle.format == FileFormat.CAF) checkCaf(handle, log)
        if (handle.info.frames == SndfileNative.SF_COUNT_MAX && handle.info.seekable != 0) {
            handle.malformed("libsndfile cannot find where its audio ends (a cut or damaged last page)")
        }
    }
}
