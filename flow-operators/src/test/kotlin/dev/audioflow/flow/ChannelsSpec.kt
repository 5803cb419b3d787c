package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.inspectors.forAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import kotlin.math.cos
import kotlin.math.sin

class ChannelsSpec : FunSpec({
    context("mapChannels reorders, repeats and silences channels") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val map = ChannelMap.builder().input(channels - 1).silence().input(0).input(0).build()
            val out = testFlow(700, format, blockFrames, flagged = setOf(0)).mapChannels(map).collectBlocking()
            out.forAll { it.channels shouldBe 4 }
            out.shouldBeContiguous()
            out.first().status.inputOverflow shouldBe true
            val s = samplesOf(out)
            for (f in 0 until 700) {
                s[f * 4] shouldBe testSample(f.toLong(), channels - 1)
                s[f * 4 + 1] shouldBe 0f
                s[f * 4 + 2] shouldBe testSample(f.toLong(), 0)
                s[f * 4 + 3] shouldBe testSample(f.toLong(), 0)
            }
        }
    }

    test("property: mapChannels with a permutation and then its inverse round trips") {
        checkAll(60, Arb.int(1..8), Arb.int(1..200), Arb.long()) { channels, maxBlock, seed ->
            val random = java.util.Random(seed)
            val order = (0 until channels).shuffled(random).toIntArray()
            val permutation = ChannelMap.inputs(*order)
            val inverse = ChannelMap.inputs(*IntArray(channels).also { inv -> order.forEachIndexed { o, c -> inv[c] = o } })
            val format = AudioFormat(48_000, channels)
            val samples = randomSamples(1 + (seed and 0x3FF).toInt(), channels, seed)
            val out = randomBlocks(samples, format, maxBlock, seed).mapChannels(permutation).mapChannels(inverse).collectBlocking()
            samplesOf(out) shouldBe samples
            out.shouldBeContiguous()
        }
    }

    test("status propagates through mapChannels on every flagged block") {
        val format = AudioFormat(48_000, 2)
        val out = testFlow(1_000, format, 100, flagged = setOf(3, 7)).mapChannels(ChannelMap.inputs(1)).collectBlocking()
        out.filter { it.status.inputOverflow }.map { it.frameIndex } shouldBe listOf(300L, 700L)
    }

    context("toMono, upmix, selectChannels and splitChannels") {
        withData(SHAPES) { (blockFrames, channels) ->
            val format = AudioFormat(48_000, channels)
            val input = testFlow(500, format, blockFrames)
            val x = testSamples(500, channels)
            val mono = samplesOf(input.toMono().collectBlocking())
            mono.size shouldBe 500
            mono[123].shouldBeNear((0 until channels).map { x[123 * channels + it] }.sum() / channels, 1e-6f)
            val wide = samplesOf(input.upmix(8).collectBlocking())
            for (c in 0 until 8) {
                wide[10 * 8 + c] shouldBe if (channels == 1) x[10] else if (c < channels) x[10 * channels + c] else 0f
            }
            samplesOf(input.selectChannels(channels - 1).collectBlocking()) shouldBe FloatArray(500) { x[it * channels + channels - 1] }
            val split = input.splitChannels(channels)
            split.size shouldBe channels
            samplesOf(split.last().collectBlocking()) shouldBe FloatArray(500) { x[it * channels + channels - 1] }
            val rebuilt = samplesOf(interleave(*split.toTypedArray()).collectBlocking())
            rebuilt shouldBe x
        }
    }

    test("pan is constant power for mono and unity at the centre for stereo") {
        val mono = AudioFormat(48_000, 1)
        for (p in listOf(-1f, -0.5f, 0f, 0.3f, 1f)) {
            val s = samplesOf(FloatArray(4) { 1f }.asAudioFlow(mono).pan(p).collectBlocking())
            (s[0] * s[0] + s[1] * s[1]).shouldBeNear(1f, 1e-6f)
            val theta = (p + 1) * Math.PI / 4
            s[0].shouldBeNear(cos(theta).toFloat(), 1e-6f)
            s[1].shouldBeNear(sin(theta).toFloat(), 1e-6f)
        }
        val stereo = samplesOf(floatArrayOf(0.5f, -0.25f).asAudioFlow(AudioFormat(48_000, 2)).pan(0f).collectBlocking())
        stereo[0].shouldBeNear(0.5f, 1e-6f)
        stereo[1].shouldBeNear(-0.25f, 1e-6f)
    }

    test("bad channel arguments name the value") {
        val flow = testFlow(10, AudioFormat(48_000, 2), 5)
        val missing = shouldThrow<AudioException> { flow.mapChannels(ChannelMap.of(ChannelMap.silence(), ChannelMap.input(2))).collectBlocking() }
        missing.kind shouldBe AudioErrorKind.InvalidArgument
        missing.message shouldBe "ChannelMap entry #1 is input 2 but the input has only 2 channels"
        shouldThrow<AudioException> { flow.selectChannels(0, -1) }.message shouldBe "ChannelMap input channel must be in 0..1023, was -1"
        shouldThrow<AudioException> { flow.selectChannels(5).collectBlocking() }.message shouldContain "entry #0 is input 5"
        shouldThrow<AudioException> { flow.selectChannels() }.message shouldBe "ChannelMap must have 1..1024 entries, had 0"
        shouldThrow<AudioException> { flow.upmix(1).collectBlocking() }.kind shouldBe AudioErrorKind.InvalidArgument
        shouldThrow<AudioException> { flow.pan(1.5f) }.message shouldContain "1.5"
        shouldThrow<AudioException> { testFlow(10, AudioFormat(48_000, 3), 5).pan(0f).collectBlocking() }.message shouldContain "3 channels"
        shouldThrow<AudioException> { interleave(flow).collectBlocking() }.message shouldContain "mono"
        shouldThrow<AudioException> { flow.splitChannels(3)[0].collectBlocking() }.message shouldContain "3"
    }
})
