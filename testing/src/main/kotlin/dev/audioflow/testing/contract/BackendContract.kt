@file:OptIn(DelicateAudioApi::class)

package dev.audioflow.testing.contract

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.DelicateAudioApi
import dev.audioflow.FloatBlock
import dev.audioflow.StreamConfig
import dev.audioflow.StreamDiagnostics
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.input
import dev.audioflow.playOn
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.util.function.Supplier

/**
 * The contract every backend keeps, as one abstract spec that each backend's tests instantiate
 * with a [ContractTarget] (issue 19): exact frames out and in, duplex passthrough and its
 * reported latency, a cancel that closes within a second, bad channel counts and rates refused
 * with a kind and the bad value, overflow and underflow in the blocks' status and the stats,
 * the stream's stats and info, and a lost device or server ending the stream with the right kind
 * within a second. Every case ends with no stream left open.
 *
 * A case needing a capability the target lacks is not registered (a skip would look like a
 * pass); the spec prints the cases the target leaves out and why, from [ContractTarget.notCovered]
 * and the null capabilities.
 *
 * ```
 * class JackContractSpec : BackendContract({ JackContractTarget() })
 * ```
 */
public abstract class BackendContract(makeTarget: Supplier<ContractTarget>) : FunSpec() {
    init {
        val target = makeTarget.get()
        val t = target.name
        val block = target.blockFrames
        val channels = target.format.channels
        afterSpec { target.close() }
        afterEach { withClue("streams left open") { StreamDiagnostics.openStreams shouldBe 0 } }

        val left = LinkedHashMap(target.notCovered)
        if (target.duplexDevice == null) left.putIfAbsent("duplex", "the backend has no device with both sides")
        if (target.refusedRate == null) left.putIfAbsent("refused rate", "every rate works on its devices")
        if (target.loss == null) left.putIfAbsent("device loss", "the target cannot make its device go away")
        if (target.playback == null) left.putIfAbsent("played samples", "its output cannot be read back; frame counts are still checked")
        for ((case, why) in left) System.err.println("contract: $t does not run '$case' here: $why")

        test("$t: an output stream plays exactly the frames it is given") {
            val blocks = ramp(target.format, block, target.playFrames / block)
            target.playback?.reset()
            val monitor = StreamMonitor()
            blocks.asFlow().playOn(target.output, StreamConfig(target.format, blockSize = BlockSize.Fixed(target.playBlockFrames)), monitor)
            monitor.stats.value.framesOut shouldBe blocks.size.toLong() * block
            target.playback?.let { probe ->
                val expected = blocks.flatMap { it.samples.asList() }.toFloatArray()
                withClue("the samples the device played, without the silence around them") {
                    trimSilence(probe.played(), channels) shouldBe expected
                }
            }
        }

        test("$t: an input stream delivers consecutive blocks of the configured size, with the device's samples") {
            val expected = target.expectedCapture(12 * block)
            val monitor = StreamMonitor()
            // A ring of 64 blocks: an unpaced capture device must not overflow while the blocks are collected.
            val blocks = target.input.input(target.config(ringFrames = 64 * block), monitor).take(12).toList()
            blocks.map { it.frames } shouldBe List(12) { block }
            blocks.map { it.frameIndex } shouldBe List(12) { it.toLong() * block }
            blocks.map { it.status.droppedFrames } shouldBe List(12) { 0L }
            monitor.stats.value.framesIn shouldBeGreaterThanOrEqual 12L * block
            if (expected != null) blocks.flatMap { it.samples.asList() }.toFloatArray() shouldBe expected
        }

        target.duplexDevice?.let { device ->
            test("$t: a duplex stream passes every input block out, and reports its round trip") {
                val monitor = StreamMonitor()
                var seen = 0
                val config = target.config()
                device.duplex(config, monitor = monitor) { input -> input.take(40).onEach { seen++ } }
                seen shouldBe 40
                val stats = monitor.stats.value
                withClue("every frame passed out is played or counted as dropped to hold the latency: $stats") {
                    stats.framesOut + stats.resyncDroppedFrames shouldBeGreaterThanOrEqual 40L * block
                }
                val info = monitor.info.value!!
                withClue("round trip ${info.roundTripLatency} against the one block queued") {
                    (info.roundTripLatency >= target.format.durationOf(block.toLong())).shouldBeTrue()
                }
            }
        }

        test("$t: cancelling a running stream closes it within a second") {
            coroutineScope {
                val flowing = CompletableDeferred<Unit>()
                val job = launch { target.input.input(target.config()).collect { flowing.complete(Unit) } }
                withTimeout(30_000) { flowing.await() }
                val started = System.nanoTime()
                job.cancelAndJoin()
                (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 1_000L
            }
        }

        test("$t: a channel count beyond the device's is refused with InvalidArgument naming it") {
            val tooManyIn = target.input.maxInputChannels + 1
            val inError = shouldThrow<AudioException> {
                target.input.input(StreamConfig(AudioFormat(target.format.sampleRate, tooManyIn))).first()
            }
            inError.kind shouldBe AudioErrorKind.InvalidArgument
            inError.message shouldContain "$tooManyIn"
            val tooManyOut = target.output.maxOutputChannels + 1
            val outError = shouldThrow<AudioException> {
                ramp(AudioFormat(target.format.sampleRate, tooManyOut), block, 2).asFlow().playOn(target.output)
            }
            outError.kind shouldBe AudioErrorKind.InvalidArgument
            outError.message shouldContain "$tooManyOut"
        }

        target.refusedRate?.let { (rate, kind) ->
            test("$t: a sample rate the device cannot run ($rate Hz) is refused with $kind naming it") {
                val error = shouldThrow<AudioException> {
                    target.input.input(StreamConfig(AudioFormat(rate, channels))).first()
                }
                error.kind shouldBe kind
                error.message shouldContain "$rate"
            }
        }

        test("$t: an input that is not read in time reports the overflow in a block's status and in the stats") {
            val monitor = StreamMonitor()
            val blocks = target.input.input(target.config(ringFrames = 4 * block), monitor).take(24)
                .onEach { if (it.frameIndex == 0L) delay(STALL_MILLIS) }.toList()
            withClue(blocks.map { it.status }) {
                blocks.any { it.status.inputOverflow && it.status.droppedFrames > 0 }.shouldBeTrue()
            }
            monitor.stats.value.inputOverflows shouldBeGreaterThan 0
            monitor.stats.value.droppedFrames shouldBeGreaterThan 0
        }

        test("$t: an output that is not fed in time counts underflows") {
            val monitor = StreamMonitor()
            val blocks = ramp(target.format, block, 16)
            flow {
                blocks.forEachIndexed { i, b ->
                    if (i == 8) delay(STALL_MILLIS)
                    emit(b)
                }
            }.playOn(target.output, target.config(), monitor)
            monitor.stats.value.outputUnderflows shouldBeGreaterThan 0
            monitor.stats.value.framesOut shouldBe 16L * block
        }

        test("$t: the stream's info and stats describe it") {
            val monitor = StreamMonitor()
            target.input.input(target.config(), monitor).take(20).toList()
            val info = monitor.info.value!!
            info.sampleRate shouldBe target.format.sampleRate.toDouble()
            info.backend shouldBe target.backend.name
            monitor.stats.value.cycles shouldBeGreaterThan 0
            monitor.stats.value.framesIn shouldBeGreaterThanOrEqual 20L * block
        }

        target.loss?.let { loss ->
            // Last: it takes the target's device away for good.
            test("$t: losing the device ends a running stream with ${loss.kind} within a second") {
                val error = coroutineScope {
                    val flowing = CompletableDeferred<Unit>()
                    val stream = async {
                        runCatching { target.input.input(target.config()).collect { flowing.complete(Unit) } }.exceptionOrNull()
                    }
                    withTimeout(30_000) { flowing.await() }
                    val lostAt = System.nanoTime()
                    loss.lose.run()
                    val error = withTimeout(10_000) { stream.await() }
                    (System.nanoTime() - lostAt) / 1_000_000 shouldBeLessThan 1_000L
                    error
                }
                withClue(error) { (error as AudioException).kind shouldBe loss.kind }
            }
        }
    }

    private companion object {
        /** How long the overflow and underflow cases stop reading or writing: many blocks at any rate the targets use. */
        const val STALL_MILLIS = 300L

        /**
         * [count] blocks of a ramp that is never 0 and exact in 16 bits (multiples of 1/32768), so
         * a 16-bit device carries it unchanged and silence around it can be trimmed.
         */
        fun ramp(format: AudioFormat, blockFrames: Int, count: Int): List<FloatBlock> = (0 until count).map { b ->
            val samples = FloatArray(blockFrames * format.channels) { i ->
                val n = b * blockFrames * format.channels + i
                ((n % 20_000) + 1_000) / 32_768f
            }
            FloatBlock(format, samples, b.toLong() * blockFrames)
        }

        /** [samples] without the all-zero frames before the first and after the last frame that is not. */
        fun trimSilence(samples: FloatArray, channels: Int): FloatArray {
            val frames = samples.size / channels
            fun silent(frame: Int) = (0 until channels).all { samples[frame * channels + it] == 0f }
            var first = 0
            while (first < frames && silent(first)) first++
            var last = frames - 1
            while (last >= first && silent(last)) last--
            return samples.copyOfRange(first * channels, (last + 1) * channels)
        }
    }
}
