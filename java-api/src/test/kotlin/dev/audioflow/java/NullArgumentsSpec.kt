package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import org.objectweb.asm.AnnotationVisitor
import org.objectweb.asm.ClassReader
import org.objectweb.asm.ClassVisitor
import org.objectweb.asm.Label
import org.objectweb.asm.MethodVisitor
import org.objectweb.asm.Opcodes
import org.objectweb.asm.Type
import java.lang.reflect.Constructor
import java.lang.reflect.Executable
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.Proxy
import java.nio.file.Files
import java.nio.file.Path

/**
 * Every public method and constructor of the Java facade, as its checked-in API dump lists them,
 * called with `null` for each reference parameter that Kotlin declares non-null (one at a time,
 * the other arguments non-null), throws [AudioException] of kind
 * [AudioErrorKind.InvalidArgument] saying `Class.method: parameter must not be null`, not a
 * NullPointerException (see `NullArguments.kt`). A method added without the check fails here
 * once the dump lists it, and the build fails until the dump lists it.
 *
 * Which parameters are nullable, and their names, come from the class files (the compiler's
 * `@Nullable` annotations and local variable tables). The receiver of an instance method is
 * allocated without running a constructor: the checks are the first thing a method does, so
 * it is never touched.
 */
class NullArgumentsSpec : FunSpec({
    val dump = Path.of("api", "audioflow-java.api")
    val members = apiMembers(Files.readString(dump))
    val cases = members.flatMap { member -> member.nullCases() }

    test("the API dump lists the facade's classes and the cases cover every one that has reference parameters") {
        members.map { it.owner.simpleName }.distinct().shouldContainAll(
            "Audio", "AudioInput", "AudioOutput", "AudioStream", "Duplex", "Feed", "JackSession", "Signal", "Sinks", "SoundFiles",
        )
        cases.size shouldBeGreaterThan 300
    }

    for (case in cases) {
        test("${case.member.label} with ${case.parameter} = null") {
            val thrown = try {
                case.member.invoke(case.arguments)
                null
            } catch (e: InvocationTargetException) {
                e.cause
            }
            withClue("${case.member.label} with ${case.parameter} = null threw $thrown") {
                thrown.shouldBeInstanceOf<AudioException>()
                thrown.kind shouldBe AudioErrorKind.InvalidArgument
                thrown.message shouldBe "${case.member.where}: ${case.parameter} must not be null"
            }
        }
    }
})

/** One call: [arguments] with `null` at [parameter]'s position. */
private class NullCase(val member: ApiMember, val parameter: String, val arguments: Array<Any?>)

/** A public method or constructor from the API dump, with what its class file says of its parameters. */
private class ApiMember(val owner: Class<*>, val executable: Executable, private val names: List<String?>, private val nullable: Set<Int>) {
    val label: String = "${owner.simpleName}.${executable.name.takeUnless { executable is Constructor<*> } ?: "<init>"}" +
        executable.parameterTypes.joinToString(", ", "(", ")") { it.simpleName }

    /** How the facade names this member in its messages (see NullArgumentsRewrite). */
    val where: String = owner.name.substringAfterLast('.').removeSuffix("\$Companion").replace('$', '.').let { simple ->
        if (executable is Constructor<*>) "new $simple" else "$simple.${executable.name}"
    }

    fun nullCases(): List<NullCase> = executable.parameterTypes.indices
        .filter { !executable.parameterTypes[it].isPrimitive && it !in nullable }
        .map { index ->
            val name = checkNotNull(names[index]) { "$label: no name for parameter $index in the class file" }
            val arguments = executable.parameterTypes.map(::validValue).toTypedArray<Any?>()
            arguments[index] = null
            NullCase(this, name, arguments)
        }

    fun invoke(arguments: Array<Any?>): Any? = when (executable) {
        is Constructor<*> -> executable.newInstance(*arguments)
        is Method -> executable.invoke(if (Modifier.isStatic(executable.modifiers)) null else receiver(owner), *arguments)
    }
}

/** The non-synthetic, non-abstract methods and constructors the API dump lists, class by class. */
private fun apiMembers(dump: String): List<ApiMember> {
    val members = mutableListOf<ApiMember>()
    var owner: Class<*>? = null
    var signatures: Map<String, ParameterInfo> = emptyMap()
    for (line in dump.lines()) {
        val classMatch = Regex("""^public .*class (\S+) (?::.*)?\{$""").find(line)
        if (classMatch != null) {
            owner = Class.forName(classMatch.groupValues[1].replace('/', '.'))
            signatures = parameterInfo(owner)
            continue
        }
        val method = Regex("""^\s+(.*)\bfun (\S+) (\(.*)$""").find(line) ?: continue
        val (modifiers, name, descriptor) = method.destructured
        if ("synthetic" in modifiers || "abstract" in modifiers) continue
        val type = checkNotNull(owner) { "method line outside a class: $line" }
        val executable = type.declaredConstructors.find { name == "<init>" && Type.getConstructorDescriptor(it) == descriptor }
            ?: type.declaredMethods.find { it.name == name && Type.getMethodDescriptor(it) == descriptor }
            ?: error("${type.name}.$name$descriptor from the API dump is not in the class")
        val info = checkNotNull(signatures["$name$descriptor"]) { "no class-file data for ${type.name}.$name$descriptor" }
        members += ApiMember(type, executable, info.names, info.nullable)
    }
    return members
}

private class ParameterInfo(val names: List<String?>, val nullable: Set<Int>)

/** Parameter names (local variable table) and `@Nullable` parameters of each method of [type], by name + descriptor. */
private fun parameterInfo(type: Class<*>): Map<String, ParameterInfo> {
    val bytes = checkNotNull(type.getResourceAsStream("/${type.name.replace('.', '/')}.class")) { "no class file for $type" }.use { it.readBytes() }
    val result = mutableMapOf<String, ParameterInfo>()
    ClassReader(bytes).accept(
        object : ClassVisitor(Opcodes.ASM9) {
            override fun visitMethod(access: Int, name: String, descriptor: String, signature: String?, exceptions: Array<out String>?): MethodVisitor {
                val arguments = Type.getArgumentTypes(descriptor)
                val slots = arguments.runningFold(if (access and Opcodes.ACC_STATIC != 0) 0 else 1) { slot, t -> slot + t.size }
                val names = arrayOfNulls<String>(arguments.size)
                val nullable = mutableSetOf<Int>()
                result["$name$descriptor"] = ParameterInfo(names.asList(), nullable)
                return object : MethodVisitor(Opcodes.ASM9) {
                    override fun visitParameterAnnotation(parameter: Int, descriptor: String, visible: Boolean): AnnotationVisitor? {
                        if (descriptor == "Lorg/jetbrains/annotations/Nullable;") nullable += parameter
                        return null
                    }

                    override fun visitLocalVariable(name: String, descriptor: String, signature: String?, start: Label, end: Label, index: Int) {
                        val parameter = slots.indexOf(index)
                        if (parameter in names.indices && names[parameter] == null) names[parameter] = name
                    }
                }
            }
        },
        0,
    )
    return result
}

private val virtualDevice: AudioDevice by lazy { VirtualBackend(Pacing.Unpaced).addOutput("null-arguments", 2, 48_000) }

/** A non-null value of [type]; what it holds does not matter, as the call fails on the null argument first. */
private fun validValue(type: Class<*>): Any = when {
    type == Int::class.javaPrimitiveType -> 1
    type == Long::class.javaPrimitiveType -> 1L
    type == Float::class.javaPrimitiveType -> 1f
    type == Double::class.javaPrimitiveType -> 1.0
    type == Boolean::class.javaPrimitiveType -> false
    type.isPrimitive -> error("NullArgumentsSpec has no value for $type: add one to validValue")
    type == String::class.java -> "x"
    type == Path::class.java -> Path.of("x")
    type == java.time.Duration::class.java -> java.time.Duration.ZERO
    type == List::class.java -> emptyList<Any>()
    type == Set::class.java -> emptySet<Any>()
    type == AudioDevice::class.java -> virtualDevice
    type.isArray -> java.lang.reflect.Array.newInstance(type.componentType, 0)
    type.isEnum -> type.enumConstants.first()
    type.isInterface -> Proxy.newProxyInstance(type.classLoader, arrayOf(type)) { _, _, _ -> error("a stand-in $type was called") }
    Modifier.isAbstract(type.modifiers) -> error("NullArgumentsSpec has no value for the abstract ${type.name}: add one to validValue")
    else -> allocate(type)
}

/** The receiver for an instance method of [type] (a concrete subclass for an abstract one). */
private fun receiver(type: Class<*>): Any = allocate(if (type == AudioStream::class.java) AudioInput::class.java else type)

private val unsafe: Any by lazy {
    Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe").apply { isAccessible = true }.get(null)
}

/** An instance of [type] made without running a constructor. */
private fun allocate(type: Class<*>): Any = unsafe.javaClass.getMethod("allocateInstance", Class::class.java).invoke(unsafe, type)
