package dev.audioflow.build

import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.io.path.exists
import org.w3c.dom.Element

/**
 * Fails with a [LibraryCheckFailure] unless the BOM at [bomPom] has version [version] and
 * manages `dev.audioflow:`[artifactId], so no library is left out of `audioflow-bom`.
 */
fun checkListedInBom(bomPom: Path, artifactId: String, version: String) {
    if (!bomPom.exists()) throw LibraryCheckFailure("No BOM at $bomPom.")
    val project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(bomPom.toFile()).documentElement
    val bomVersion = project.child("version")?.textContent?.trim()
    if (bomVersion != version) {
        throw LibraryCheckFailure("$bomPom has version $bomVersion, the library $artifactId has $version: give them one version.")
    }
    val managed = project.child("dependencyManagement")?.child("dependencies")?.children("dependency").orEmpty()
    val listed = managed.any { it.child("groupId")?.textContent?.trim() == "dev.audioflow" && it.child("artifactId")?.textContent?.trim() == artifactId }
    if (!listed) {
        throw LibraryCheckFailure(
            "$bomPom does not manage dev.audioflow:$artifactId: add it to the BOM's <dependencyManagement> " +
                "with <version>\${project.version}</version>.",
        )
    }
}

private fun Element.children(name: String): List<Element> =
    (0 until childNodes.length).map { childNodes.item(it) }.filterIsInstance<Element>().filter { it.tagName == name }

private fun Element.child(name: String): Element? = children(name).firstOrNull()
