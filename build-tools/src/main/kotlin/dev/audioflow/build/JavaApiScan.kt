package dev.audioflow.build

/**
 * What a Java caller sees of a library, read from its API dump ([apiDump]: the public classes and
 * their public, protected and synthetic members, as the class files declare them), and the names
 * in it that make Java code write Kotlin's machinery instead of the library's API.
 *
 * A leak is, for a public class or a public non-synthetic member (synthetic members are invisible
 * to `javac`, so `@JvmSynthetic` Kotlin-only declarations are not leaks):
 * - a class whose simple name contains `Kt` (a file facade without `@file:JvmName`);
 * - a member whose name contains `-` (mangled for an inline-class parameter or result, such as
 *   `kotlin.time.Duration`);
 * - a member whose signature needs `kotlin.coroutines.Continuation` (a suspend function),
 *   `kotlin.Unit` or a `kotlin.jvm.functions.FunctionN` (a Kotlin lambda);
 * - a `Companion` field while the companion has a member with no `@JvmStatic` twin on the outer
 *   class (Java would have to write `X.Companion.f()`);
 * - for an object that is a value of its enclosing type (`Latency.Low`), no static member of the
 *   enclosing types returning it (Java would have to write `Latency.Low.INSTANCE`); for any other
 *   object, an instance member with no `@JvmStatic` twin (Java would have to go through `INSTANCE`);
 * - a function with default arguments (a synthetic `f$default`) but no shorter overload
 *   (`@JvmOverloads`), other than a data class's `copy`.
 *
 * Kotlin emits the `Companion` and `INSTANCE` fields themselves for every companion and object;
 * they are not leaks when nothing has to be reached through them.
 */
class JavaApiScan(dump: String) {
    private val classes: Map<String, DumpClass> = parse(dump).associateBy { it.name }

    /** Every leak, one line each: `class: reason`, or `class.member descriptor: reason`. */
    fun leaks(): List<String> = classes.values.flatMap { leaksOf(it) }

    private fun leaksOf(type: DumpClass): List<String> = buildList {
        val simpleName = type.name.substringAfterLast('/')
        if (simpleName.split('$').any { "Kt" in it }) add("${type.name}: a `Kt` file facade; give the file @file:JvmName")
        for (member in type.visibleMembers) {
            val where = "${type.name}.${member.name} ${member.descriptor}"
            if ('-' in member.name) add("$where: a mangled name; @JvmSynthetic it and add a Java form")
            KOTLIN_MACHINERY.filter { it.key in member.descriptor }.forEach { add("$where: needs ${it.value} from Java") }
        }
        for (name in type.defaultedFunctions()) {
            if (type.visibleMembers.count { it.name == name } == 1) add("${type.name}.$name: default arguments but no @JvmOverloads")
        }
        if (type.hasField("Companion")) companionLeaks(type)?.let(::add)
        if (type.hasField("INSTANCE")) objectLeaks(type)?.let(::add)
    }

    private fun companionLeaks(outer: DumpClass): String? {
        val companion = classes["${outer.name}\$Companion"] ?: return null
        val unreachable = companion.visibleMembers.filter { !it.isStatic && it.name != "<init>" && !outer.hasStatic(it) }
        if (unreachable.isEmpty()) return null
        return "${outer.name}.Companion: ${unreachable.joinToString { it.name }} only through Companion; make them @JvmStatic"
    }

    private fun objectLeaks(objectType: DumpClass): String? {
        val enclosing = classes[objectType.name.substringBeforeLast('$', "")]
        if (enclosing != null && enclosing.name in objectType.supertypes) {
            // A value of its enclosing type: Java calls its members on the value it gets statically.
            val typeDescriptor = "L${objectType.name};"
            val reachable = generateSequence(enclosing) { classes[it.name.substringBeforeLast('$', "")] }
                .any { outer -> outer.visibleMembers.any { it.isStatic && it.descriptor.endsWith(typeDescriptor) } }
            return if (reachable) null else "${objectType.name}: the value only as INSTANCE; add a static accessor to ${enclosing.name}"
        }
        val unreachable = objectType.visibleMembers.filter {
            !it.isStatic && it.name !in OBJECT_MEMBERS && !objectType.hasStatic(it)
        }
        if (unreachable.isEmpty()) return null
        return "${objectType.name}.INSTANCE: ${unreachable.joinToString { it.name }} only through INSTANCE; make them @JvmStatic"
    }

    private companion object {
        val KOTLIN_MACHINERY = mapOf(
            "Lkotlin/coroutines/Continuation;" to "a Continuation (a suspend function)",
            "Lkotlin/Unit;" to "kotlin.Unit",
            "Lkotlin/jvm/functions/Function" to "a Kotlin function type",
        )

        /** Members every object has that Java calls on a value, not through INSTANCE. */
        val OBJECT_MEMBERS = setOf("<init>", "equals", "hashCode", "toString")
    }
}

/** One class of an API dump: its JVM name, direct supertypes and members. */
private class DumpClass(val name: String, val supertypes: List<String>, val members: List<DumpMember>) {
    val visibleMembers: List<DumpMember> get() = members.filter { !it.isSynthetic }

    /** Functions and constructors with Kotlin default arguments (they have a synthetic `$default` twin). */
    fun defaultedFunctions(): Set<String> = members.filter { it.isSynthetic && !it.isField }.mapNotNull {
        when {
            it.name.endsWith("\$default") -> it.name.removeSuffix("\$default").takeIf { name -> name != "copy" && '-' !in name }
            it.name == "<init>" && "ILkotlin/jvm/internal/DefaultConstructorMarker;)" in it.descriptor -> "<init>"
            else -> null
        }
    }.toSet()

    fun hasField(name: String): Boolean = members.any { it.isField && it.isStatic && it.name == name }

    fun hasStatic(member: DumpMember): Boolean =
        visibleMembers.any { it.isStatic && it.name == member.name && it.descriptor == member.descriptor }
}

/** One member line of an API dump. */
private class DumpMember(val name: String, val descriptor: String, modifiers: List<String>, val isField: Boolean) {
    val isStatic = "static" in modifiers
    val isSynthetic = "synthetic" in modifiers
}

private val CLASS_LINE = Regex("""^(?:public|protected) (?:[a-z ]+ )?class (\S+)(?: : (.+))? \{$""")
private val MEMBER_LINE = Regex("""^\t((?:[a-z]+ )*)(fun|field) (\S+) (\S+)$""")

private fun parse(dump: String): List<DumpClass> {
    val result = mutableListOf<DumpClass>()
    var header: MatchResult? = null
    val members = mutableListOf<DumpMember>()
    for (line in dump.lines()) {
        CLASS_LINE.find(line)?.let {
            header = it
            members.clear()
        }
        MEMBER_LINE.find(line)?.let {
            val modifiers = it.groupValues[1].trim().split(' ')
            members += DumpMember(it.groupValues[3], it.groupValues[4], modifiers, isField = it.groupValues[2] == "field")
        }
        if (line == "}") {
            header?.let { h ->
                val supertypes = h.groupValues[2].split(',').map { it.trim() }.filter { it.isNotEmpty() }
                result += DumpClass(h.groupValues[1], supertypes, members.toList())
            }
            header = null
        }
    }
    return result
}
