package dev.audioflow.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import java.nio.file.Path

/** The README's Compose example is the part of `ComposeMeter.kt` between its markers, word for word. */
class ReadmeExampleSpec : FunSpec({
    test("the README shows ComposeMeter's marked part as it is compiled and run") {
        val scenario = Files.readString(Path.of("src/main/kotlin/dev/audioflow/samples/scenarios/ComposeMeter.kt"))
        val parts = scenario.split("// --8<-- [readme]\n")
        parts.size shouldBeInRange 3..3
        val marked = parts[1].lines().filterNot { "--8<--" in it }.joinToString("\n").trimIndent()
        marked.lines().size shouldBeInRange 10..25
        Files.readString(Path.of("../README.md")) shouldContain "```kotlin\n$marked\n}\n```"
    }
})
