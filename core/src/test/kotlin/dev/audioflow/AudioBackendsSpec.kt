package dev.audioflow

import dev.audioflow.virtual.VirtualBackend
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs

class AudioBackendsSpec : FunSpec({
    fun <T> withBackendProperty(value: String, block: () -> T): T {
        val previous = System.getProperty(AudioBackends.BACKEND_PROPERTY)
        System.setProperty(AudioBackends.BACKEND_PROPERTY, value)
        try {
            return block()
        } finally {
            if (previous == null) System.clearProperty(AudioBackends.BACKEND_PROPERTY) else System.setProperty(AudioBackends.BACKEND_PROPERTY, previous)
        }
    }

    test("core registers the virtual backend, created once and found by any case of its name") {
        AudioBackends.names() shouldBe listOf(AudioBackends.VIRTUAL)
        val virtual = AudioBackends.get("virtual")
        virtual.shouldBeInstanceOf<VirtualBackend>()
        AudioBackends.get("VIRTUAL") shouldBeSameInstanceAs virtual
        AudioBackends.all().single() shouldBeSameInstanceAs virtual
        AudioBackends.available() shouldContain virtual
    }

    test("an unknown name is InvalidArgument naming it and the registered backends") {
        val error = shouldThrow<AudioException> { AudioBackends.get("nosuch") }
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "'nosuch'"
        error.message shouldContain "registered: virtual"
    }

    test("the audioflow.backend property picks the default, and an unknown one is refused") {
        withBackendProperty("Virtual") { AudioBackends.default() shouldBeSameInstanceAs AudioBackends.get("virtual") }
        val error = withBackendProperty("nosuch") { shouldThrow<AudioException> { AudioBackends.default() } }
        error.kind shouldBe AudioErrorKind.InvalidArgument
        error.message shouldContain "'nosuch'"
    }

    test("with no choice made, the default is the first available backend with an output device: here the virtual one") {
        // A blank property also hides an AUDIOFLOW_BACKEND variable of the environment.
        withBackendProperty("") { AudioBackends.default() shouldBeSameInstanceAs AudioBackends.get("virtual") }
    }
})
