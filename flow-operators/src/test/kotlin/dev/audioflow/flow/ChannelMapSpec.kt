package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe

class ChannelMapSpec : FunSpec({
    test("of, the builder and inputs describe the same entries") {
        val built = ChannelMap.builder().input(1).silence().inputs(0, 0).silence(2).build()
        val listed = ChannelMap.of(
            ChannelMap.input(1),
            ChannelMap.silence(),
            ChannelMap.input(0),
            ChannelMap.input(0),
            ChannelMap.Entry.Silence,
            ChannelMap.Entry.Silence,
        )
        built shouldBe listed
        built.hashCode() shouldBe listed.hashCode()
        built.channels shouldBe 6
        built.entries.map { (it as? ChannelMap.Entry.Input)?.channel } shouldBe listOf(1, null, 0, 0, null, null)
        built.toString() shouldBe "ChannelMap[input 1, silence, input 0, input 0, silence, silence]"
        ChannelMap.inputs(2, 0) shouldBe ChannelMap.of(listOf(ChannelMap.input(2), ChannelMap.input(0)))
        ChannelMap.inputs(2, 0) shouldNotBe ChannelMap.inputs(0, 2)
    }

    test("a map is a value: later builder calls do not change a map already built") {
        val builder = ChannelMap.builder().input(0)
        val first = builder.build()
        builder.silence()
        first.channels shouldBe 1
        builder.build().channels shouldBe 2
    }

    test("remap copies input channels, repeats them and writes zeros for silence") {
        val map = ChannelMap.builder().input(2).silence().input(0).input(0).build()
        // Two frames of three channels: 1 2 3 | 4 5 6.
        val out = map.remap(floatArrayOf(1f, 2f, 3f, 4f, 5f, 6f), 2, 3)
        out shouldBe floatArrayOf(3f, 0f, 1f, 1f, 6f, 0f, 4f, 4f)
    }

    test("an entry beyond the input's channels is rejected, naming the entry") {
        val map = ChannelMap.builder().input(0).silence().input(3).build()
        val e = shouldThrow<AudioException> { map.remap(FloatArray(6), 2, 3) }
        e.kind shouldBe AudioErrorKind.InvalidArgument
        e.message shouldBe "ChannelMap entry #2 is input 3 but the input has only 3 channels"
    }

    context("bad entries and sizes are rejected when the map is made, naming the value") {
        withData<Triple<String, String, () -> Any>>(
            nameFn = { it.first },
            Triple("of()", "ChannelMap must have 1..1024 entries, had 0", { ChannelMap.of() }),
            Triple("an empty builder", "ChannelMap must have 1..1024 entries, had 0", { ChannelMap.builder().build() }),
            Triple("1025 entries", "ChannelMap must have 1..1024 entries, had 1025", { ChannelMap.builder().silence(AudioFormat.MAX_CHANNELS + 1).build() }),
            Triple("input(-1)", "ChannelMap input channel must be in 0..1023, was -1", { ChannelMap.input(-1) }),
            Triple("inputs(0, 1024)", "ChannelMap input channel must be in 0..1023, was 1024", { ChannelMap.inputs(0, 1024) }),
            Triple("silence(-2)", "ChannelMap silence count must be >= 0, was -2", { ChannelMap.builder().silence(-2) }),
        ) { (_, message, make) ->
            val e = shouldThrow<AudioException> { make() }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldBe message
        }
    }
})
