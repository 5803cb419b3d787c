package dev.audioflow.build

import org.jetbrains.kotlin.abi.tools.AbiTools
import java.nio.file.Path
import kotlin.io.path.createDirectories
import kotlin.io.path.exists
import kotlin.io.path.readText
import kotlin.io.path.writeText

/**
 * One library module's checked-in API dump: [dumpFile] must hold exactly [apiDump] of
 * [classesDir], so that every change of the public API shows up in review as a change of that
 * file.
 *
 * @property updateCommand the command that rewrites the dumps, named in every failure.
 */
class ApiCheck(
    private val classesDir: Path,
    private val dumpFile: Path,
    private val buildDir: Path,
    private val updateCommand: String,
) {
    /**
     * Fails with a [LibraryCheckFailure] showing the diff when [dumpFile] is missing or stale;
     * returns the dump of the compiled classes.
     */
    fun check(): String {
        val actual = buildDir.resolve("api").also { it.createDirectories() }.resolve(dumpFile.fileName)
        val compiled = apiDump(classesDir)
        actual.writeText(compiled)
        if (!dumpFile.exists()) {
            throw LibraryCheckFailure(
                "No API dump at $dumpFile. Run `$updateCommand` and commit the file it writes.",
            )
        }
        if (dumpFile.readText() == compiled) return compiled
        val diff = AbiTools.getInstance(AbiTools::class.java.classLoader).filesDiff(dumpFile.toFile(), actual.toFile())
        throw LibraryCheckFailure(
            "The public API differs from $dumpFile (- checked in, + compiled now):\n$diff\n" +
                "If the change is intended, run `$updateCommand` and commit $dumpFile.",
        )
    }

    /** Writes [dumpFile] from the compiled classes. */
    fun update() {
        dumpFile.parent.createDirectories()
        val dump = apiDump(classesDir)
        if (dumpFile.exists() && dumpFile.readText() == dump) return
        dumpFile.writeText(dump)
        println("audioflow: wrote $dumpFile")
    }
}
