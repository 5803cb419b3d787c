package dev.audioflow.build

import org.jetbrains.kotlin.abi.tools.AbiFilters
import org.jetbrains.kotlin.abi.tools.AbiTools
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.isRegularFile

/**
 * The public API of the compiled classes under [classesDir], in the `.api` text format of
 * Kotlin's ABI tools (the format binary-compatibility-validator writes for Gradle builds).
 *
 * Kotlin metadata decides what is public: `internal` declarations, synthetic members and
 * file facades with nothing public are left out, `@PublishedApi internal` ones are kept.
 */
fun apiDump(classesDir: Path): String {
    val classFiles = Files.walk(classesDir).use { paths ->
        paths.filter { it.isRegularFile() && it.extension == "class" }.sorted().map { it.toFile() }.toList()
    }
    val abiTools = AbiTools.getInstance(AbiTools::class.java.classLoader)
    return buildString { abiTools.printJvmDump(this, classFiles, AbiFilters.EMPTY) }
}
