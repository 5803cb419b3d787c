package dev.audioflow.spi

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.NativeCallPath
import dev.audioflow.testing.ExpectedNativePath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The choice of native call path where no FFM binding can load (core's tests have none on their class path). */
class NativeCallPathsSpec : FunSpec({
    test("without audioflow-native-ffm the binding is missing, with a reason naming what is missing") {
        NativeCallPaths.foreignBinding.shouldBeNull()
        val reason = NativeCallPaths.foreignUnavailableReason!!
        if (Runtime.version().feature() < NativeCallPaths.FFM_MIN_JAVA) {
            reason shouldContain "Java ${Runtime.version().feature()}"
        } else {
            reason shouldContain "audioflow-native-ffm is not on the class path"
        }
    }

    test("auto and jna choose JNA; a forced ffm fails the backend's start saying why") {
        ExpectedNativePath.withProperty(null) { NativeCallPaths.choose("test") shouldBe NativeCallPath.Jna }
        ExpectedNativePath.withProperty(" AUTO ") { NativeCallPaths.choose("test") shouldBe NativeCallPath.Jna }
        ExpectedNativePath.withProperty("jna") { NativeCallPaths.choose("test") shouldBe NativeCallPath.Jna }
        ExpectedNativePath.withProperty("ffm") {
            val e = shouldThrow<AudioException> { NativeCallPaths.choose("test") }
            e.kind shouldBe AudioErrorKind.BackendUnavailable
            e.backend shouldBe "test"
            e.message shouldContain "the FFM native call path is unavailable"
            e.message shouldContain NativeCallPaths.foreignUnavailableReason!!
        }
    }

    test("an unknown value is refused naming it") {
        ExpectedNativePath.withProperty("jni") {
            val e = shouldThrow<AudioException> { NativeCallPaths.choose("test") }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldContain "'jni'"
            e.message shouldContain "auto, jna or ffm"
        }
    }
})
