@file:JvmName("LibraryCheck")

package dev.audioflow.build

import java.nio.file.Path

/**
 * The build's check of one library module, run by the parent pom in `verify`. Arguments are
 * `key=value`: `classes`, `dump`, `build`, `bom` (paths), `artifactId`, `version`,
 * `update` (`true` writes the API dump instead of checking anything), `updateCommand`
 * (named in failures) and `javaApi` (`false` skips the Java-visible API scan: only for a module
 * whose API cannot be Java's, such as `compose`, whose `@Composable` functions only the Compose
 * compiler can call).
 *
 * Checks the API dump ([ApiCheck]), that Java sees no Kotlin machinery in it ([JavaApiScan]) and
 * that the BOM manages the library ([checkListedInBom]).
 */
fun main(args: Array<String>) {
    val options = args.associate { arg ->
        val key = arg.substringBefore('=', missingDelimiterValue = "")
        require(key.isNotEmpty()) { "argument '$arg' is not key=value" }
        key to arg.substringAfter('=')
    }
    fun option(key: String) = requireNotNull(options[key]) { "missing argument $key=..." }
    val check = ApiCheck(Path.of(option("classes")), Path.of(option("dump")), Path.of(option("build")), option("updateCommand"))
    if (option("update").toBoolean()) {
        check.update()
        return
    }
    val dump = check.check()
    if (options["javaApi"]?.toBoolean() != false) checkJavaVisibleApi(dump)
    checkListedInBom(Path.of(option("bom")), option("artifactId"), option("version"))
}

/** Fails with a [LibraryCheckFailure] listing every leak [JavaApiScan] finds in [dump]. */
fun checkJavaVisibleApi(dump: String) {
    val leaks = JavaApiScan(dump).leaks()
    if (leaks.isEmpty()) return
    throw LibraryCheckFailure(
        "The Java-visible API has ${leaks.size} name(s) that need Kotlin machinery from Java " +
            "(see docs/java.md):\n" + leaks.joinToString("\n") { "  $it" },
    )
}
