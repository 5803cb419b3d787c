package dev.audioflow.build

import dev.audioflow.build.fixture.ApiFixture
import dev.audioflow.build.fixture.InternalApiFixture
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.lang.reflect.Modifier
import java.nio.file.Path
import kotlin.io.path.readText
import kotlin.io.path.writeText

class ApiCheckSpec : FunSpec({
    // The compiled fixture classes, and nothing else, as a library's classes directory.
    val classes: Path = Path.of(ApiFixture::class.java.protectionDomain.codeSource.location.toURI())
        .resolve("dev/audioflow/build/fixture")

    fun apiCheck(): Pair<ApiCheck, Path> {
        val dir = tempdir().toPath()
        val dump = dir.resolve("api/audioflow-fixture.api")
        return ApiCheck(classes, dump, dir.resolve("target"), "./scripts/api-dump") to dump
    }

    test("the dump keeps public declarations and leaves out what Kotlin metadata marks internal") {
        Modifier.isPublic(InternalApiFixture::class.java.modifiers) shouldBe true
        val dump = apiDump(classes)
        dump shouldContain "public final class dev/audioflow/build/fixture/ApiFixture {"
        dump shouldContain "public final fun greet (Ljava/lang/String;)Ljava/lang/String;"
        dump shouldNotContain "InternalApiFixture"
        dump shouldNotContain "hidden"
    }

    test("update writes the dump that check then accepts") {
        val (check, dump) = apiCheck()
        check.update()
        dump.readText() shouldBe apiDump(classes)
        check.check()
    }

    test("a public function missing from the dump fails with the diff and the update command") {
        val (check, dump) = apiCheck()
        check.update()
        dump.writeText(dump.readText().lines().filterNot { "greet" in it }.joinToString("\n"))
        val failure = shouldThrow<LibraryCheckFailure> { check.check() }
        failure.message shouldContain "+\tpublic final fun greet (Ljava/lang/String;)Ljava/lang/String;"
        failure.message shouldContain "run `./scripts/api-dump` and commit $dump"
    }

    test("a missing dump fails naming the file and the update command") {
        val (check, dump) = apiCheck()
        val failure = shouldThrow<LibraryCheckFailure> { check.check() }
        failure.message shouldBe "No API dump at $dump. Run `./scripts/api-dump` and commit the file it writes."
    }
})
