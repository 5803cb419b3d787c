package dev.audioflow.build

import dev.audioflow.build.nulls.Greeter
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.objectweb.asm.ClassReader
import org.objectweb.asm.tree.ClassNode
import org.objectweb.asm.tree.MethodInsnNode
import java.lang.reflect.InvocationTargetException

class NullArgumentsRewriteSpec : FunSpec({
    val rewrite = NullArgumentsRewrite("dev/audioflow/build/nulls/NullCheck")
    fun bytes(name: String) = checkNotNull(Greeter::class.java.getResourceAsStream("/${name.replace('.', '/')}.class")).use { it.readBytes() }
    val rewritten = mapOf(
        Greeter::class.java.name to checkNotNull(rewrite.rewrite(bytes(Greeter::class.java.name))),
        "${Greeter::class.java.name}\$Companion" to checkNotNull(rewrite.rewrite(bytes("${Greeter::class.java.name}\$Companion"))),
    )
    val loader = object : ClassLoader(Greeter::class.java.classLoader) {
        override fun loadClass(name: String, resolve: Boolean): Class<*> = synchronized(getClassLoadingLock(name)) {
            val bytes = rewritten[name] ?: return super.loadClass(name, resolve)
            findLoadedClass(name) ?: defineClass(name, bytes, 0, bytes.size)
        }
    }
    val greeter = loader.loadClass(Greeter::class.java.name)

    fun failure(call: () -> Any?): Throwable = shouldThrow<InvocationTargetException> { call() }.cause.shouldNotBeNull()

    test("a null argument reaches the module's check, named Class.method: parameter") {
        val instance = greeter.getConstructor(String::class.java).newInstance("Hello")
        val greet = greeter.getMethod("greet", String::class.java, String::class.java)
        greet.invoke(instance, "Ada", null) shouldBe "Hello, Ada"
        failure { greet.invoke(instance, null, "Dr ") }.let {
            (it is IllegalArgumentException) shouldBe true
            it.message shouldBe "Greeter.greet: name must not be null"
        }
        failure { greeter.getConstructor(String::class.java).newInstance(null) }.message shouldBe "new Greeter: greeting must not be null"
        val companion = greeter.getField("Companion").get(null)
        failure { companion.javaClass.getMethod("of", String::class.java).invoke(companion, null) }.message shouldBe
            "Greeter.of: greeting must not be null"
    }

    test("every check of a method is rewritten; a rewritten class is left alone the second time") {
        val node = ClassNode().also { ClassReader(rewritten.getValue(Greeter::class.java.name)).accept(it, 0) }
        fun owners(method: String) = node.methods.single { it.name == method }.instructions
            .filterIsInstance<MethodInsnNode>().filter { it.name == "check" || it.name == "checkNotNullParameter" }.map { it.owner }
        owners("greet") shouldBe listOf("dev/audioflow/build/nulls/NullCheck")
        owners("greetAll") shouldBe listOf("dev/audioflow/build/nulls/NullCheck")
        rewrite.rewrite(rewritten.getValue(Greeter::class.java.name)).shouldBeNull()
    }
})
