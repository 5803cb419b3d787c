package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith

/** A value for [field] that [format] keeps: UTF-8 where it can, Latin-1 in MP3, ASCII for AIFF's copyright. */
private fun valueFor(field: MetadataField, format: FileFormat): String = when {
    field == MetadataField.TRACK_NUMBER -> "7"
    field == MetadataField.DATE -> "2024-05-01"
    format == FileFormat.MP3 -> "Café ${field.name.lowercase()}"
    format == FileFormat.AIFF && field == MetadataField.COPYRIGHT -> "(c) 2024 audioflow"
    else -> "Ünïcødé ${field.name.lowercase()} ♪"
}

private fun metadataFor(format: FileFormat): AudioMetadata {
    fun v(field: MetadataField) = if (field in format.metadataFields) valueFor(field, format) else null
    return AudioMetadata(
        v(MetadataField.TITLE), v(MetadataField.ARTIST), v(MetadataField.COMMENT), v(MetadataField.DATE), v(MetadataField.ALBUM),
        v(MetadataField.COPYRIGHT), v(MetadataField.SOFTWARE), v(MetadataField.LICENSE), v(MetadataField.TRACK_NUMBER), v(MetadataField.GENRE),
    )
}

class MetadataSpec : FunSpec({
    val dir = tempdir().toPath()
    val format = AudioFormat(48_000, 2)
    val withText = CASES.filter { it.format.metadataFields.isNotEmpty() }.distinctBy { it.format to it.subtype.lossy }

    context("every text field a format keeps round-trips") {
        withData(nameFn = { it.toString() }, withText) { case ->
            val path = dir.resolve("tags-${case.subtype}.${case.extension}")
            val tags = metadataFor(case.format)
            blocksOf(testSamples(4_800, 2), format).writeAudioFile(path, case.format, case.subtype, tags)
            val back = audioFileInfo(path).metadata
            for (field in case.format.metadataFields) {
                withClue(field) {
                    // libsndfile appends its own name to the software field.
                    if (field == MetadataField.SOFTWARE) back[field]!! shouldStartWith tags[field]!! else back[field] shouldBe tags[field]
                }
            }
            back.broadcast shouldBe null
        }
    }

    test("outside readers see the tags: soxi for FLAC, Ogg Vorbis and MP3, opusinfo for Opus") {
        for ((extension, reader) in listOf("flac" to "soxi", "ogg" to "soxi", "mp3" to "soxi", "opus" to "opusinfo")) {
            val path = dir.resolve("seen.$extension")
            val title = if (extension == "mp3") "Café au lait" else "Ünïcødé title ♪"
            blocksOf(testSamples(4_800, 2), format).writeAudioFile(path, metadata = AudioMetadata(title = title, artist = "The Quartet"))
            val shown = if (reader == "soxi") run("soxi", "-a", path.toString()) else run("opusinfo", path.toString())
            withClue(extension) {
                shown.lowercase() shouldContain "title=${title.lowercase()}"
                shown.lowercase() shouldContain "artist=the quartet"
            }
        }
    }

    test("Broadcast Wave info round-trips in WAV and RF64, with a time reference past 32 bits") {
        for (extension in listOf("wav", "rf64")) {
            val path = dir.resolve("bwf.$extension")
            val bext = BroadcastInfo("Take 3, room mic", "audioflow", "AF-0001", "2024-05-01", "10:15:00", 48_000L * 3600 * 30, 1, "A=PCM,F=48000,W=24,M=stereo")
            blocksOf(testSamples(4_800, 2), format).writeAudioFile(path, subtype = FileSubtype.PCM_24, metadata = AudioMetadata(title = "bwf", broadcast = bext))
            val back = audioFileInfo(path).metadata.broadcast!!
            back.copy(codingHistory = "", version = 1) shouldBe bext.copy(codingHistory = "")
            back.version shouldBe 2
            back.codingHistory shouldStartWith bext.codingHistory
        }
    }

    test("cue points round-trip: positions in WAV, positions and names in AIFF") {
        val cues = listOf(CuePoint(1, 1_000, "intro"), CuePoint(2, 3_000, "chorus"))
        val wav = dir.resolve("cues.wav")
        blocksOf(testSamples(4_800, 2), format).writeAudioFile(wav, metadata = AudioMetadata(cues = cues))
        audioFileInfo(wav).metadata.cues shouldContainExactly cues.map { it.copy(name = "") }
        val aiff = dir.resolve("cues.aiff")
        blocksOf(testSamples(4_800, 2), format).writeAudioFile(aiff, metadata = AudioMetadata(cues = cues))
        audioFileInfo(aiff).metadata.cues shouldContainExactly cues
    }

    test("metadata a format cannot hold is refused before the file is created, and supportedBy drops it") {
        val all = AudioMetadata(title = "t", license = "CC-BY", broadcast = BroadcastInfo("d"), cues = listOf(CuePoint(1, 10)))
        for ((extension, expected) in listOf("w64" to "title", "au" to "title", "flac" to "Broadcast", "wav" to "license", "caf" to "cue")) {
            val path = dir.resolve("refused.$extension")
            val e = shouldThrow<AudioException> { blocksOf(testSamples(100, 2), format).writeAudioFile(path, metadata = all) }
            withClue(extension) {
                e.kind shouldBe AudioErrorKind.UnsupportedFormat
                e.message shouldContain expected
                e.message shouldContain path.toString()
                java.nio.file.Files.exists(path) shouldBe false
            }
            blocksOf(testSamples(100, 2), format).writeAudioFile(path, metadata = all.supportedBy(FileFormat.of(path))) shouldBe 100L
        }
        all.supportedBy(FileFormat.FLAC) shouldBe AudioMetadata(title = "t", license = "CC-BY")
    }

    test("bad metadata values are refused naming them") {
        shouldThrow<AudioException> { BroadcastInfo(originator = "x".repeat(33)) }.message shouldContain "originator"
        shouldThrow<AudioException> { BroadcastInfo(description = "Ünï") }.message shouldContain "ASCII"
        shouldThrow<AudioException> { CuePoint(1, -1) }.message shouldContain "-1"
    }
})
