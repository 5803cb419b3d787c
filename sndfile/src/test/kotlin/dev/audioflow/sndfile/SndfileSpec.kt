package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.DelicateAudioApi
import dev.audioflow.sndfile.internal.SndfileLibrary
import dev.audioflow.spi.jna.JnaLibrary
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.nio.file.Path

/** The library itself: what it reports it can do, extensions, refused combinations, and its absence. */
class SndfileSpec : FunSpec({
    val dir = tempdir().toPath()

    test("the installed libsndfile reports every format and encoding of the issue") {
        Sndfile.isAvailable shouldBe true
        Sndfile.version shouldStartWith "libsndfile-1."
        println("${Sndfile.version}: formats ${Sndfile.formats()}; subtypes ${Sndfile.subtypes()}")
        Sndfile.formats() shouldContainAll CASES.map { it.format }.distinct()
        Sndfile.subtypes() shouldContainAll CASES.map { it.subtype }.distinct()
    }

    test("every other format libsndfile writes round-trips through it") {
        val format = AudioFormat(22_050, 1)
        val written = mutableListOf<FileFormat>()
        for (f in FileFormat.entries) {
            val subtype = f.defaultSubtype
            if (!Sndfile.canWrite(f, subtype, format)) continue
            val path = dir.resolve("other-$f.${f.extensions.firstOrNull() ?: "bin"}")
            val x = testSamples(2_000, 1)
            blocksOf(x, format).writeAudioFile(path, f, subtype) shouldBe 2_000L
            withClue(f) {
                val info = audioFileInfo(path)
                info.format shouldBe f
                info.frames shouldBe 2_000L
                if (!subtype.lossy) audioFile(path).samples() shouldBe if (subtype.intBits in 1..24 && subtype.name.startsWith("PCM")) quantized(x, subtype) else audioFile(path).samples()
            }
            written += f
        }
        println("libsndfile wrote and read back: $written")
        written shouldContainAll CASES.map { it.format }.distinct()
    }

    test("extensions choose the format and the default subtype") {
        FileFormat.of(Path.of("a.FLAC")) shouldBe FileFormat.FLAC
        FileFormat.of(Path.of("b.aif")) shouldBe FileFormat.AIFF
        FileFormat.of(Path.of("c.opus")).defaultSubtype(Path.of("c.opus")) shouldBe FileSubtype.OPUS
        FileFormat.of(Path.of("c.ogg")).defaultSubtype(Path.of("c.ogg")) shouldBe FileSubtype.VORBIS
        FileFormat.parse("rf64") shouldBe FileFormat.RF64
        FileSubtype.parse("int24") shouldBe FileSubtype.PCM_24
        FileSubtype.parse("mp3") shouldBe FileSubtype.MPEG_LAYER_III
        shouldThrow<AudioException> { FileFormat.of(Path.of("notes.txt")) }.let {
            it.kind shouldBe AudioErrorKind.UnsupportedFormat
            it.message shouldContain "'.txt'"
            it.message shouldContain ".flac"
        }
        shouldThrow<AudioException> { FileFormat.of(Path.of("noextension")) }.message shouldContain "without an extension"
        shouldThrow<AudioException> { FileSubtype.parse("pcm_13") }.message shouldContain "pcm_13"
    }

    test("combinations libsndfile cannot write are refused naming them and what would work") {
        val stereo44 = AudioFormat(44_100, 2)
        Sndfile.canWrite(FileFormat.OGG, FileSubtype.OPUS, stereo44) shouldBe false
        Sndfile.canWrite(FileFormat.OGG, FileSubtype.OPUS, AudioFormat(48_000, 2)) shouldBe true
        for ((path, subtype, expected) in listOf(
            Triple(dir.resolve("a.opus"), FileSubtype.OPUS, "resample first"),
            Triple(dir.resolve("b.flac"), FileSubtype.FLOAT, "PCM_24"),
            Triple(dir.resolve("c.mp3"), FileSubtype.PCM_16, "MP3"),
        )) {
            val e = shouldThrow<AudioException> { blocksOf(testSamples(100, 2), stereo44).writeAudioFile(path, subtype = subtype) }
            withClue(path) {
                e.kind shouldBe AudioErrorKind.UnsupportedFormat
                e.message shouldContain expected
                e.message shouldContain path.toString()
            }
        }
        val changing = kotlinx.coroutines.flow.flowOf(
            dev.audioflow.FloatBlock(AudioFormat(48_000, 1), FloatArray(4)),
            dev.audioflow.FloatBlock(AudioFormat(44_100, 1), FloatArray(4), 4),
        )
        shouldThrow<AudioException> { changing.writeAudioFile(dir.resolve("changing.flac")) }.message shouldContain "44100"
        audioFileInfo(dir.resolve("changing.flac")).frames shouldBe 4L
        for (extension in listOf("wav", "caf", "ogg")) {
            kotlinx.coroutines.flow.emptyFlow<dev.audioflow.FloatBlock>().writeAudioFile(dir.resolve("empty.$extension"), audioFormat = AudioFormat(8_000, 1)) shouldBe 0L
            audioFileInfo(dir.resolve("empty.$extension")).frames shouldBe 0L
        }
        // libsndfile 1.2 leaves an empty FLAC file with no header at all: refused when read, as documented.
        kotlinx.coroutines.flow.emptyFlow<dev.audioflow.FloatBlock>().writeAudioFile(dir.resolve("empty.flac"), audioFormat = AudioFormat(8_000, 1)) shouldBe 0L
        shouldThrow<AudioException> { audioFileInfo(dir.resolve("empty.flac")) }.kind shouldBe AudioErrorKind.UnsupportedFormat
    }

    @OptIn(DelicateAudioApi::class)
    test("without libsndfile every entry point says which library is missing and how to install it") {
        val real = SndfileLibrary.library
        SndfileLibrary.library = JnaLibrary("libsndfile", listOf("/nonexistent/libsndfile.so.1"), "Debian/Ubuntu `apt-get install libsndfile1`")
        try {
            Sndfile.isAvailable shouldBe false
            Sndfile.unavailableReason!! shouldContain "libsndfile1"
            val path = dir.resolve("any.flac")
            for ((call, action) in listOf<Pair<String, () -> Unit>>(
                "audioFileInfo" to { audioFileInfo(path) },
                "audioFile" to { audioFile(path).samples() },
                "writeAudioFile" to { kotlinx.coroutines.runBlocking { blocksOf(testSamples(10, 1), AudioFormat(8_000, 1)).writeAudioFile(path) } },
                "Sndfile.version" to { Sndfile.version },
            )) {
                val e = shouldThrow<AudioException> { action() }
                withClue(call) {
                    e.kind shouldBe AudioErrorKind.BackendUnavailable
                    e.message shouldContain "libsndfile was not found"
                    e.message shouldContain "apt-get install libsndfile1"
                }
            }
        } finally {
            SndfileLibrary.library = real
        }
    }
})
