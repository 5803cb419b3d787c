package dev.audioflow.portaudio

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.HostApiType
import dev.audioflow.Latency
import dev.audioflow.portaudio.internal.CAbi
import dev.audioflow.portaudio.internal.HostApiStreamInfos
import dev.audioflow.portaudio.internal.PaSide
import dev.audioflow.testing.NativeRequirement
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import java.nio.file.Files
import java.util.HexFormat
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds

/**
 * The WASAPI, Core Audio and ASIO stream infos audioflow writes, byte for byte against PortAudio's
 * own headers compiled for the platforms they are for: Windows x64 with MinGW-w64's GCC, 64-bit
 * macOS's data model (LP64, natural alignment: the same as this machine's, so with this machine's
 * GCC and a two-line stand-in for the Apple headers `pa_mac_core.h` includes for `SInt32`).
 *
 * Debian's `portaudio19-dev` ships only the Linux host APIs' headers; the others come from
 * Debian's `portaudio19-doc`, whose Doxygen pages hold each header's source (same PortAudio
 * release, 19.6.0), extracted here. Each settings case becomes a C initialiser written with the
 * header's own names (`paWinWasapiExclusive`, `eThreadPriorityProAudio`), compiled into an array
 * in a section of its own, and that section's bytes are compared with what audioflow encodes.
 */
class HostApiLayoutSpec : FunSpec({
    val docs = File("/usr/share/doc/portaudio19-doc/doc/html")
    val haveDocs = File(docs, "pa__win__wasapi_8h_source.html").isFile
    val haveMingw = NativeRequirement.hasExecutable(MINGW_GCC) && NativeRequirement.hasExecutable(MINGW_OBJCOPY)
    val headers by lazy { extractHeaders(docs) }

    fun needsDocs() = NativeRequirement.available("PortAudio's platform headers (portaudio19-doc)", haveDocs, "apt-get install portaudio19-doc")
    fun needsMingw() = needsDocs() && NativeRequirement.available("MinGW-w64 GCC", haveMingw, "apt-get install gcc-mingw-w64-x86-64-win32")

    test("PaWasapiStreamInfo matches pa_win_wasapi.h compiled for Windows x64, for every flag and enum value").config(enabled = needsMingw()) {
        val cases = wasapiCases()
        val encoded = cases.map { HostApiStreamInfos.wasapi(it, CAbi.WINDOWS_X64) }
        val compiled = compile(
            MINGW_GCC, MINGW_OBJCOPY, headers,
            WASAPI_PRELUDE + array("PaWasapiStreamInfo", cases.map(::wasapiInitializer)),
        )
        encoded.first().size shouldBe 56
        compareCases(cases, encoded, compiled)
    }

    test("paWinWasapiAutoConvert, which Debian's 19.6 header lacks, is a bit none of its flags use").config(enabled = needsMingw()) {
        val all = compile(
            MINGW_GCC, MINGW_OBJCOPY, headers,
            "#include \"portaudio.h\"\n#include \"pa_win_wasapi.h\"\n" +
                "__attribute__((section(\".afcases\"))) unsigned int cases[] = { paWinWasapiExclusive | paWinWasapiRedirectHostProcessor | " +
                "paWinWasapiUseChannelMask | paWinWasapiPolling | paWinWasapiThreadPriority };\n",
        )
        val used = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN).int.toLong()
        withClue("flags of the header 0x${used.toString(16)}") { (used and HostApiStreamInfos.WASAPI_AUTO_CONVERT) shouldBe 0L }
        (used and HostApiStreamInfos.WASAPI_EXCLUSIVE) shouldBe HostApiStreamInfos.WASAPI_EXCLUSIVE
    }

    test("PaAsioStreamInfo matches pa_asio.h compiled for Windows x64").config(enabled = needsMingw()) {
        val cases = (1..3).map { n -> AsioStreamSettings((0 until n).map { it * 2 + 1 }) }
        val encoded = cases.map { HostApiStreamInfos.asio(CAbi.WINDOWS_X64, fakeAddress(it)) }
        val compiled = compile(
            MINGW_GCC, MINGW_OBJCOPY, headers,
            "#include <stdint.h>\n#include \"portaudio.h\"\n#include \"pa_asio.h\"\n" +
                array("PaAsioStreamInfo", cases.map { "{ sizeof(PaAsioStreamInfo), paASIO, 1, paAsioUseChannelSelectors, (int *)${pointerLiteral(fakeAddress(it))} }" }),
        )
        encoded.first().size shouldBe 24
        compareCases(cases, encoded, compiled)
    }

    test("PaMacCoreStreamInfo matches pa_mac_core.h compiled for 64-bit macOS's data model (LP64)").config(enabled = needsDocs()) {
        val cases = coreAudioCases()
        val encoded = cases.map { HostApiStreamInfos.coreAudio(it, CAbi.LP64, if (it.channelMap == null) 0 else fakeAddress(it)) }
        val compiled = compile(
            "gcc", "objcopy", headers,
            "#include <stddef.h>\n#include <stdint.h>\n#include \"portaudio.h\"\n#include \"pa_mac_core.h\"\n" +
                array("PaMacCoreStreamInfo", cases.map(::coreAudioInitializer)),
        )
        encoded.first().size shouldBe 48
        compareCases(cases, encoded, compiled)
    }

    test("this JVM's platform is LP64, so what a stream writes here is the macOS layout checked above") {
        CAbi.current.longBytes shouldBe 8
        CAbi.current.pointerBytes shouldBe 8
        CAbi.current.order shouldBe java.nio.ByteOrder.LITTLE_ENDIAN
    }

    context("opening with them checks them against the device and writes the structure the parameters point to").config(enabled = PortAudioInstalled().evaluate(HostApiLayoutSpec::class)) {
        val coreAudio = device(HostApiType.CoreAudio, inputs = 2, outputs = 4)
        val asio = device(HostApiType.Asio, inputs = 8, outputs = 8)
        val wasapi = device(HostApiType.Wasapi, inputs = 2, outputs = 2)

        fun side(device: PortAudioDevice, channels: Int, isInput: Boolean, host: HostApiStreamSettings) = PaSide(
            device, channels, isInput,
            if (isInput) PortAudioSettings(input = host) else PortAudioSettings(output = host),
            Latency.Low,
        )

        fun written(side: PaSide, expected: ByteArray): ByteArray = side.params.hostApiSpecificStreamInfo!!.getByteArray(0, expected.size)

        test("a Core Audio output map: the structure, and the map it points to as SInt32s") {
            val settings = CoreAudioStreamSettings(channelMap = listOf(-1, -1, 0, 1), changeDeviceParameters = true)
            val side = side(coreAudio, 2, false, settings)
            val pointer = side.params.hostApiSpecificStreamInfo!!
            val map = pointer.getPointer(32) // LP64: after size, hostApiType (padded), version and flags
            val expected = HostApiStreamInfos.coreAudio(settings, CAbi.current, com.sun.jna.Pointer.nativeValue(map))
            written(side, expected) shouldBe expected
            map.getIntArray(0, 4).toList() shouldBe listOf(-1, -1, 0, 1)
        }

        test("an ASIO input's selectors") {
            val side = side(asio, 2, true, AsioStreamSettings(listOf(6, 7)))
            val selectors = side.params.hostApiSpecificStreamInfo!!.getPointer(32)
            selectors.getIntArray(0, 2).toList() shouldBe listOf(6, 7)
            val expected = HostApiStreamInfos.asio(CAbi.current, com.sun.jna.Pointer.nativeValue(selectors))
            written(side, expected) shouldBe expected
        }

        test("WASAPI exclusive mode") {
            val settings = WasapiStreamSettings(exclusive = true, threadPriority = WasapiThreadPriority.ProAudio)
            val expected = HostApiStreamInfos.wasapi(settings, CAbi.current)
            written(side(wasapi, 2, false, settings), expected) shouldBe expected
        }

        test("bad values are AudioExceptions naming them, before anything is opened") {
            fun rejects(vararg fragments: String, block: () -> Unit) {
                val error = shouldThrow<AudioException> { block() }
                error.kind shouldBe AudioErrorKind.InvalidArgument
                fragments.forEach { error.message shouldContain it }
            }
            rejects("3 entries", "(4)") { side(coreAudio, 2, false, CoreAudioStreamSettings(channelMap = listOf(0, 1, -1))) }
            rejects("channelMap[3] is 2", "0..1") { side(coreAudio, 2, false, CoreAudioStreamSettings(channelMap = listOf(0, 1, -1, 2))) }
            rejects("channelMap[0] is 2", "input channels 0..1") { side(coreAudio, 2, true, CoreAudioStreamSettings(channelMap = listOf(2, 0))) }
            rejects("1 entries", "(2)") { side(coreAudio, 2, true, CoreAudioStreamSettings(channelMap = listOf(0))) }
            rejects("channelMap[1] is -2") { CoreAudioStreamSettings(channelMap = listOf(0, -2)) }
            rejects("channelSelectors has 1 entries", "2 channels") { side(asio, 2, true, AsioStreamSettings(listOf(0))) }
            rejects("channelSelectors[1] is 8", "0..7") { side(asio, 2, false, AsioStreamSettings(listOf(0, 8))) }
            rejects("channelSelectors[0] is -1") { AsioStreamSettings(listOf(-1)) }
            rejects("channelMask", "was 0") { WasapiStreamSettings(channelMask = 0) }
            rejects("host API ASIO", "CoreAudio") { side(coreAudio, 2, true, AsioStreamSettings(listOf(0, 1))) }
        }

        test("WASAPI autoConvert on a PortAudio older than 19.7 names the loaded version") {
            val version = PortAudioTesting.backend.version
            if (version.number < HostApiStreamInfos.WASAPI_AUTO_CONVERT_SINCE) {
                val error = shouldThrow<AudioException> { side(wasapi, 2, false, WasapiStreamSettings(autoConvert = true)) }
                error.message shouldContain "PortAudio 19.7"
                error.message shouldContain "${version.major}.${version.minor}.${version.subMinor}"
            } else {
                val settings = WasapiStreamSettings(autoConvert = true)
                val expected = HostApiStreamInfos.wasapi(settings, CAbi.current)
            written(side(wasapi, 2, false, settings), expected) shouldBe expected
            }
        }
    }
})

private const val MINGW_GCC = "x86_64-w64-mingw32-gcc"
private const val MINGW_OBJCOPY = "x86_64-w64-mingw32-objcopy"

/** Debian's headers are PortAudio 19.6's; 19.7 added this flag (same value in every later release). */
private const val WASAPI_PRELUDE = "#include <stdint.h>\n#include \"portaudio.h\"\n#include \"pa_win_wasapi.h\"\n" +
    "#ifndef paWinWasapiAutoConvert\n#define paWinWasapiAutoConvert (1 << 6)\n#endif\n"

private fun wasapiCases(): List<WasapiStreamSettings> = buildList {
    add(WasapiStreamSettings())
    add(WasapiStreamSettings(exclusive = true))
    add(WasapiStreamSettings(polling = true))
    add(WasapiStreamSettings(autoConvert = true))
    WasapiThreadPriority.entries.forEach { add(WasapiStreamSettings(threadPriority = it)) }
    WasapiStreamCategory.entries.forEach { add(WasapiStreamSettings(streamCategory = it)) }
    WasapiStreamOption.entries.forEach { add(WasapiStreamSettings(streamOption = it)) }
    add(WasapiStreamSettings(channelMask = 0x3F))
    add(WasapiStreamSettings(true, true, true, WasapiThreadPriority.ProAudio, 0x3, WasapiStreamCategory.Media, WasapiStreamOption.Raw))
}

private fun wasapiInitializer(s: WasapiStreamSettings): String {
    val flags = listOfNotNull(
        "paWinWasapiExclusive".takeIf { s.exclusive },
        "paWinWasapiAutoConvert".takeIf { s.autoConvert },
        "paWinWasapiPolling".takeIf { s.polling },
        "paWinWasapiThreadPriority".takeIf { s.threadPriority != null },
        "paWinWasapiUseChannelMask".takeIf { s.channelMask != null },
    ).joinToString(" | ").ifEmpty { "0" }
    val mask = when (s.channelMask) {
        null -> "0"
        0x3F -> "PAWIN_SPEAKER_5POINT1"
        0x3 -> "PAWIN_SPEAKER_STEREO"
        else -> error("no speaker macro for ${s.channelMask}")
    }
    return "{ sizeof(PaWasapiStreamInfo), paWASAPI, 1, $flags, $mask, NULL, NULL, " +
        "${s.threadPriority?.let { "eThreadPriority${it.name}" } ?: "eThreadPriorityNone"}, " +
        "eAudioCategory${s.streamCategory.name}, eStreamOption${s.streamOption.name} }"
}

private fun coreAudioCases(): List<CoreAudioStreamSettings> = buildList {
    add(CoreAudioStreamSettings())
    add(CoreAudioStreamSettings(changeDeviceParameters = true))
    add(CoreAudioStreamSettings(failIfConversionRequired = true))
    CoreAudioConversionQuality.entries.forEach { add(CoreAudioStreamSettings(conversionQuality = it)) }
    add(CoreAudioStreamSettings(listOf(-1, -1, 0, 1), true, true, CoreAudioConversionQuality.High))
    add(CoreAudioStreamSettings(listOf(3)))
}

private fun coreAudioInitializer(s: CoreAudioStreamSettings): String {
    val flags = listOfNotNull(
        "paMacCoreChangeDeviceParameters".takeIf { s.changeDeviceParameters },
        "paMacCoreFailIfConversionRequired".takeIf { s.failIfConversionRequired },
        "paMacCoreConversionQuality${s.conversionQuality.name}",
    ).joinToString(" | ")
    val map = s.channelMap?.let { "(SInt32 const *)${pointerLiteral(fakeAddress(s))}, ${it.size}" } ?: "NULL, 0"
    return "{ sizeof(PaMacCoreStreamInfo), paCoreAudio, 1, $flags, $map }"
}

/** A distinct, recognisable non-null pointer value for a case (never dereferenced). */
private fun fakeAddress(case: Any): Long = 0x1122_3344_0000_0000L or (case.hashCode().toLong() and 0xFFFF_FFF0L) or 0x8L

private fun pointerLiteral(address: Long): String = "(uintptr_t)0x${java.lang.Long.toHexString(address)}ULL"

private fun array(type: String, initializers: List<String>): String =
    "__attribute__((section(\".afcases\"))) $type cases[] = {\n    " + initializers.joinToString(",\n    ") + "\n};\n"

/** Each of [encoded] (audioflow's) against its structure in [compiled] (the header's, the expected value). */
private fun <T> compareCases(cases: List<T>, encoded: List<ByteArray>, compiled: ByteArray) {
    val size = encoded.first().size
    withClue("the section holds ${compiled.size} bytes for ${cases.size} structures of $size") {
        (compiled.size >= size * cases.size) shouldBe true
        compiled.drop(size * cases.size).all { it == 0.toByte() } shouldBe true
    }
    val hex = HexFormat.ofDelimiter(" ")
    cases.forEachIndexed { i, case ->
        withClue("case $i: $case") {
            hex.formatHex(encoded[i]) shouldBe hex.formatHex(compiled, i * size, (i + 1) * size)
        }
    }
}

/** Compiles [source] with [cc] against [headers] and returns the bytes of its `.afcases` section. */
private fun compile(cc: String, objcopy: String, headers: File, source: String): ByteArray {
    val dir = Files.createTempDirectory("af-layout").toFile()
    try {
        val c = File(dir, "cases.c").apply { writeText(source) }
        val obj = File(dir, "cases.o")
        val bin = File(dir, "cases.bin")
        run(dir, cc, "-std=c99", "-Wall", "-Werror", "-c", "-I${headers.path}", "-I${File(headers, "apple").path}", c.path, "-o", obj.path)
        run(dir, objcopy, "-O", "binary", "-j", ".afcases", obj.path, bin.path)
        return bin.readBytes()
    } finally {
        dir.deleteRecursively()
    }
}

private fun run(dir: File, vararg command: String) {
    val process = ProcessBuilder(*command).directory(dir).redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    check(process.waitFor(60, TimeUnit.SECONDS)) { "${command.first()} did not finish in 60 s" }
    check(process.exitValue() == 0) { "${command.joinToString(" ")} failed (${process.exitValue()}):\n$output" }
}

/**
 * The headers from `portaudio19-doc`'s Doxygen source pages (one `<div class="line">` per source
 * line), Debian's real `portaudio.h`, and the one Apple type `pa_mac_core.h` needs for these
 * structures (`SInt32`: a 32-bit `int` in 64-bit macOS's `MacTypes.h`) with the other names its
 * prototypes mention.
 */
private fun extractHeaders(docs: File): File {
    val dir = Files.createTempDirectory("af-pa-headers").toFile().apply { deleteOnExit() }
    for (header in listOf("pa_win_wasapi.h", "pa_win_waveformat.h", "pa_asio.h", "pa_mac_core.h")) {
        val page = File(docs, header.replace("_", "__").removeSuffix(".h") + "_8h_source.html").readText()
        val lines = LINE.findAll(page).map { match ->
            val text = match.groupValues[1].replace(LINE_NUMBER, "").replace(TAG, "")
            unescape(text).removePrefix("\u00a0").replace('\u00a0', ' ')
        }.toList()
        check(lines.size > 50) { "$header: only ${lines.size} source lines in its Doxygen page" }
        File(dir, header).writeText(lines.joinToString("\n", postfix = "\n"))
    }
    File("/usr/include/portaudio.h").copyTo(File(dir, "portaudio.h"))
    File(dir, "apple/AudioUnit").mkdirs()
    File(dir, "apple/AudioToolbox").mkdirs()
    File(dir, "apple/AudioUnit/AudioUnit.h").writeText(
        "#include <stdint.h>\n#include <stdbool.h>\ntypedef int32_t SInt32;\ntypedef uint32_t AudioDeviceID;\n",
    )
    File(dir, "apple/AudioToolbox/AudioToolbox.h").writeText("\n")
    return dir
}

private val LINE = Regex("<div class=\"line\">(.*?)</div>")
private val LINE_NUMBER = Regex("<span class=\"lineno\">.*?</span>")
private val TAG = Regex("<[^>]+>")

private fun unescape(text: String): String = text
    .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
    .replace("&#160;", "\u00a0").replace("&nbsp;", "\u00a0").replace("&amp;", "&")

/** A device of [type] as PortAudio would enumerate it on that platform (for the open-time checks, which need no native device). */
private fun device(type: HostApiType, inputs: Int, outputs: Int) = PortAudioDevice(
    PortAudioTesting.backend, 0, "Test ${type.name} interface", 0, type, type.name, inputs, outputs, 48_000,
    5.milliseconds, 50.milliseconds, 5.milliseconds, 50.milliseconds, false, false, 0, { emptyList() },
)
