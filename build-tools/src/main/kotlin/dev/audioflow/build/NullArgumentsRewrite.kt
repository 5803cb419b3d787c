package dev.audioflow.build

import org.objectweb.asm.ClassReader
import org.objectweb.asm.ClassWriter
import org.objectweb.asm.Opcodes
import org.objectweb.asm.tree.ClassNode
import org.objectweb.asm.tree.LdcInsnNode
import org.objectweb.asm.tree.MethodInsnNode
import org.objectweb.asm.tree.MethodNode
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.isRegularFile

/**
 * Rewrites, in compiled classes, the null checks the Kotlin compiler puts at the start of every
 * non-private function (`Intrinsics.checkNotNullParameter(value, "name")`, which throws a
 * `NullPointerException`) into calls of the module's own `check(Object, String)` (the static
 * method [checkOwner]`.check`), and each parameter name into `"Class.method: name"`: so a module
 * whose callers are Java (java-api) throws its own exception for a `null` argument, naming the
 * method and the parameter, with no check written by hand.
 *
 * Only public and protected methods of classes public in the class file (Kotlin's internal ones
 * too) are rewritten, not lambdas nor private helpers, whose arguments the module passes
 * itself; the checks stay where the compiler put them, first in each method, in parameter
 * order. Rewriting again is a no-op.
 *
 * Arguments (`key=value`): `classes` (the output directory), `package` (the internal name of
 * the package to rewrite, `dev/audioflow/java`), `check` (the internal name of [checkOwner]).
 */
class NullArgumentsRewrite(private val checkOwner: String) {
    /** The rewritten class file, or null when [classFile] has nothing to rewrite. */
    fun rewrite(classFile: ByteArray): ByteArray? {
        val node = ClassNode()
        ClassReader(classFile).accept(node, 0)
        if (node.name == checkOwner || !node.access.has(Opcodes.ACC_PUBLIC)) return null
        val changed = node.methods.filter { it.isApi() }.sumOf { rewrite(node.name, it) }
        if (changed == 0) return null
        // Only constants and call owners change: sizes and frames stay valid.
        return ClassWriter(0).also { node.accept(it) }.toByteArray()
    }

    private fun MethodNode.isApi() =
        (access.has(Opcodes.ACC_PUBLIC) || access.has(Opcodes.ACC_PROTECTED)) && !access.has(Opcodes.ACC_SYNTHETIC)

    private fun rewrite(className: String, method: MethodNode): Int {
        var changed = 0
        for (insn in method.instructions) {
            if (insn !is MethodInsnNode || !insn.isParameterCheck()) continue
            insn.owner = checkOwner
            insn.name = "check"
            val name = insn.previous as? LdcInsnNode
            if (name != null && name.cst is String) name.cst = "${where(className, method.name)}: ${name.cst}"
            changed++
        }
        return changed
    }

    private fun MethodInsnNode.isParameterCheck() =
        opcode == Opcodes.INVOKESTATIC && owner == "kotlin/jvm/internal/Intrinsics" &&
            name == "checkNotNullParameter" && desc == "(Ljava/lang/Object;Ljava/lang/String;)V"

    /** `Signal.sine` for `dev/audioflow/java/Signal$Companion.sine`, `new AudioClip` for a constructor. */
    private fun where(className: String, method: String): String {
        val simple = className.substringAfterLast('/').removeSuffix("\$Companion").replace('$', '.')
        return if (method == "<init>") "new $simple" else "$simple.$method"
    }

    private fun Int.has(flag: Int) = this and flag != 0

    companion object {
        /** Rewrites every class file of one package directory; arguments as in the class KDoc. */
        @JvmStatic
        fun main(args: Array<String>) {
            val options = args.associate { it.substringBefore('=') to it.substringAfter('=') }
            fun option(key: String) = requireNotNull(options[key]) { "missing argument $key=..." }
            val rewrite = NullArgumentsRewrite(option("check"))
            val dir = Path.of(option("classes")).resolve(option("package"))
            val classes = Files.list(dir).use { files -> files.filter { it.isRegularFile() && it.extension == "class" }.toList() }
            val rewritten = classes.count { file ->
                val bytes = rewrite.rewrite(Files.readAllBytes(file)) ?: return@count false
                Files.write(file, bytes)
                true
            }
            println("NullArgumentsRewrite: $rewritten of ${classes.size} classes in $dir now check null arguments with ${option("check")}.check")
        }
    }
}
