package dev.audioflow.build

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.string.shouldContain
import java.nio.file.Path
import kotlin.io.path.writeText

class BomCheckSpec : FunSpec({
    fun bom(version: String, vararg artifactIds: String): Path {
        val managed = artifactIds.joinToString("") {
            "<dependency><groupId>dev.audioflow</groupId><artifactId>$it</artifactId><version>\${project.version}</version></dependency>"
        }
        return tempdir().toPath().resolve("pom.xml").also {
            it.writeText(
                "<project><groupId>dev.audioflow</groupId><artifactId>audioflow-bom</artifactId><version>$version</version>" +
                    "<dependencyManagement><dependencies>$managed</dependencies></dependencyManagement></project>",
            )
        }
    }

    test("a library the BOM manages at the library's version passes") {
        checkListedInBom(bom("1.0", "audioflow-core", "audioflow-jack"), "audioflow-jack", "1.0")
    }

    test("a library missing from the BOM fails naming it") {
        val failure = shouldThrow<LibraryCheckFailure> {
            checkListedInBom(bom("1.0", "audioflow-core"), "audioflow-native", "1.0")
        }
        failure.message shouldContain "does not manage dev.audioflow:audioflow-native"
    }

    test("a BOM of another version fails naming both versions") {
        val failure = shouldThrow<LibraryCheckFailure> {
            checkListedInBom(bom("0.9", "audioflow-core"), "audioflow-core", "1.0")
        }
        failure.message shouldContain "has version 0.9, the library audioflow-core has 1.0"
    }
})
