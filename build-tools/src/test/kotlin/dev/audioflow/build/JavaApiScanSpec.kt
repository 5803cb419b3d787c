package dev.audioflow.build

import dev.audioflow.build.leaky.WithCompanion
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import java.nio.file.Path

class JavaApiScanSpec : FunSpec({
    val leaky: Path = Path.of(WithCompanion::class.java.protectionDomain.codeSource.location.toURI())
        .resolve("dev/audioflow/build/leaky")

    test("the scan names every kind of leak in compiled Kotlin and nothing hidden from Java") {
        val leaks = JavaApiScan(apiDump(leaky)).leaks().map { it.substringBefore(':') }
        leaks shouldContainExactlyInAnyOrder listOf(
            "dev/audioflow/build/leaky/LeakyApiKt",
            "dev/audioflow/build/leaky/LeakyApiKt.waitFor-VtjQ1oo (JLkotlin/coroutines/Continuation;)Ljava/lang/Object;",
            "dev/audioflow/build/leaky/LeakyApiKt.waitFor-VtjQ1oo (JLkotlin/coroutines/Continuation;)Ljava/lang/Object;",
            "dev/audioflow/build/leaky/LeakyApiKt.onEach (Lkotlin/jvm/functions/Function1;)I",
            "dev/audioflow/build/leaky/LeakyApiKt.scaled",
            "dev/audioflow/build/leaky/WithCompanion.Companion",
            "dev/audioflow/build/leaky/Choice\$Hidden",
        )
    }

    test("a companion and objects reached only through static members are not leaks") {
        val dump = """
            public final class dev/audioflow/A {
            	public static final field Companion Ldev/audioflow/A${'$'}Companion;
            	public static final fun of (I)Ldev/audioflow/A;
            }

            public final class dev/audioflow/A${'$'}Companion {
            	public final fun of (I)Ldev/audioflow/A;
            }

            public final class dev/audioflow/Registry {
            	public static final field INSTANCE Ldev/audioflow/Registry;
            	public static final fun all ()Ljava/util/List;
            	public fun toString ()Ljava/lang/String;
            }

        """.trimIndent()
        JavaApiScan(dump).leaks().shouldBeEmpty()
    }
})
