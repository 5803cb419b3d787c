package dev.audioflow.spi.jna

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain

class JnaLibrarySpec : FunSpec({
    test("a present library loads from the first candidate that exists and answers which symbols it exports") {
        val libc = JnaLibrary("the C library", listOf("audioflow-no-such-library", "c"), "it comes with the system")
        libc.isLoaded shouldBe true
        libc.loadError shouldBe null
        libc.require("test") shouldNotBe null
        libc.exports("strlen") shouldBe true
        libc.exports("audioflow_no_such_symbol") shouldBe false
    }

    test("a missing library is reported with every name tried and what to install, and require throws BackendUnavailable") {
        val missing = JnaLibrary("the test library", listOf("audioflow-no-such-library", "audioflow-nor-this"), "`apt-get install nothing`")
        missing.isLoaded shouldBe false
        missing.exports("strlen") shouldBe false
        val reason = missing.loadError!!
        reason shouldContain "the test library was not found"
        reason shouldContain "audioflow-no-such-library, audioflow-nor-this"
        reason shouldContain "Install it: `apt-get install nothing`"
        reason shouldContain "jna.library.path"
        val error = shouldThrow<AudioException> { missing.require("testbackend") }
        error.kind shouldBe AudioErrorKind.BackendUnavailable
        error.backend shouldBe "testbackend"
        error.message shouldContain "the test library was not found"
    }

    test("the library property is tried first and named in the message") {
        val property = "audioflow.test.library.${ProcessHandle.current().pid()}"
        System.setProperty(property, "c")
        try {
            JnaLibrary("the C library", listOf("audioflow-no-such-library"), "nothing", property).isLoaded shouldBe true
        } finally {
            System.clearProperty(property)
        }
        val unset = JnaLibrary("the test library", listOf("audioflow-no-such-library"), "nothing", property)
        unset.loadError!! shouldContain "-D$property="
    }
})
