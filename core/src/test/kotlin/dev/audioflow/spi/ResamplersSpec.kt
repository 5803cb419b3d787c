package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.long
import io.kotest.property.checkAll
import java.math.BigInteger

/**
 * The registry with no provider on core's class path (flow-operators and soxr register theirs,
 * tested there), and the helpers every provider uses.
 */
class ResamplersSpec : FunSpec({
    test("with no provider registered, best() says what to add and get() names the unknown one") {
        Resamplers.all() shouldBe emptyList()
        shouldThrow<AudioException> { Resamplers.best() }.let {
            it.kind shouldBe AudioErrorKind.BackendUnavailable
            it.message shouldContain "audioflow-flow-operators"
        }
        shouldThrow<AudioException> { Resamplers.get("soxr") }.let {
            it.kind shouldBe AudioErrorKind.InvalidArgument
            it.message shouldContain "'soxr'"
        }
    }

    test("outputFrames is ceil(N · target / source) for any stream length and rate pair") {
        checkAll(Arb.long(0L..(1L shl 42)), Arb.int(1..768_000), Arb.int(1..768_000)) { n, from, to ->
            val exact = BigInteger.valueOf(n).multiply(BigInteger.valueOf(to.toLong()))
            val (q, r) = exact.divideAndRemainder(BigInteger.valueOf(from.toLong()))
            Resamplers.outputFrames(n, from, to) shouldBe (q + if (r.signum() > 0) BigInteger.ONE else BigInteger.ZERO).toLong()
        }
        Resamplers.outputFrames(10_000, 44_100, 48_000) shouldBe 10_885L
        Resamplers.outputFrames(0, 48_000, 16_000) shouldBe 0L
    }

    test("checkArguments names the bad rate or channel count") {
        shouldThrow<AudioException> { Resamplers.checkArguments(0, 48_000, 2) }.message shouldContain "sourceRate"
        shouldThrow<AudioException> { Resamplers.checkArguments(48_000, 800_000, 2) }.message shouldContain "800000"
        shouldThrow<AudioException> { Resamplers.checkArguments(48_000, 44_100, 0) }.message shouldContain "channels"
        Resamplers.checkArguments(48_000, 44_100, 2)
    }
})
