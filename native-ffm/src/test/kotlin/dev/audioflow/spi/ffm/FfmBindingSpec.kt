package dev.audioflow.spi.ffm

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.NativeCallPath
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.testing.ExpectedNativePath
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.lang.foreign.Arena
import java.lang.foreign.Linker
import java.lang.foreign.ValueLayout
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodHandles
import java.lang.invoke.MethodType
import java.lang.ref.WeakReference

private val LONG = java.lang.Long.TYPE
private val INT = Integer.TYPE

/** A C function of libc, by name. */
private fun libc(name: String): Long = Linker.nativeLinker().defaultLookup().find(name).orElseThrow().address()

/** What an upcall saw of the thread that made it. */
private class Sightings {
    @Volatile var name: String? = null
    @Volatile var daemon: Boolean? = null
    @Volatile var calls = 0

    fun seen(arg: Long): Long {
        val thread = Thread.currentThread()
        name = thread.name
        daemon = thread.isDaemon
        calls++
        return arg + 1
    }
}

class FfmBindingSpec : FunSpec({
    val binding = FfmBinding()

    test("ServiceLoader finds this binding on JDK 22+, and the default path is then FFM") {
        NativeCallPaths.foreignBinding.shouldBeInstanceOf<FfmBinding>()
        NativeCallPaths.foreignUnavailableReason shouldBe null
        ExpectedNativePath.withProperty(null) { NativeCallPaths.choose("test") shouldBe NativeCallPath.Ffm }
        ExpectedNativePath.withProperty("auto") { NativeCallPaths.choose("test") shouldBe NativeCallPath.Ffm }
        ExpectedNativePath.withProperty("FFM") { NativeCallPaths.choose("test") shouldBe NativeCallPath.Ffm }
        ExpectedNativePath.withProperty("jna") { NativeCallPaths.choose("test") shouldBe NativeCallPath.Jna }
        ExpectedNativePath.withProperty("panama") {
            val e = shouldThrow<AudioException> { NativeCallPaths.choose("test") }
            e.kind shouldBe AudioErrorKind.InvalidArgument
            e.message shouldContain "'panama'"
        }
    }

    test("downcalls take and return primitives, pointers as long, critical or not") {
        val strlen = binding.downcall(libc("strlen"), MethodType.methodType(LONG, LONG), critical = true)
        Arena.ofConfined().use { arena ->
            val text = arena.allocateFrom("audioflow")
            (strlen.invokeExact(text.address()) as Long) shouldBe 9L
        }
        val getpid = binding.downcall(libc("getpid"), MethodType.methodType(INT), critical = false)
        (getpid.invokeExact() as Int).toLong() shouldBe ProcessHandle.current().pid()
        val abs = binding.downcall(libc("labs"), MethodType.methodType(LONG, LONG), critical = true)
        (abs.invokeExact(-42L) as Long) shouldBe 42L
    }

    test("an upcall stub called from a native thread runs its target there, on a daemon thread named as asked") {
        val sightings = Sightings()
        binding.openUpcalls().use { upcalls ->
            val stub = upcalls.stub(seen(sightings), "audioflow-test-callback")
            val result = onNativeThread(stub, 41L)
            result shouldBe 42L
            sightings.calls shouldBe 1
            sightings.name shouldBe "audioflow-test-callback"
            sightings.daemon shouldBe true
        }
    }

    test("a stub stays callable however often the collector runs while its scope is open: only close frees it") {
        val upcalls = binding.openUpcalls()
        var sightings: Sightings? = Sightings()
        val watched = WeakReference(sightings)
        val stub = upcalls.stub(seen(sightings!!), null)
        sightings = null
        repeat(5) {
            System.gc()
            Thread.sleep(20)
        }
        watched.get() shouldBe watched.get()!!.also { it.calls shouldBe 0 }
        val call = binding.downcall(stub, MethodType.methodType(LONG, LONG), critical = false)
        (call.invokeExact(9L) as Long) shouldBe 10L
        onNativeThread(stub, 1L) shouldBe 2L
        watched.get()!!.calls shouldBe 2
        upcalls.close()
        upcalls.close()
        shouldThrow<IllegalStateException> { upcalls.stub(seen(Sightings()), null) }.message shouldContain "closed"
    }

    test("a qsort comparator upcall on the calling thread sorts native ints") {
        val values = intArrayOf(5, -3, 99, 0, 7, 7, -100, 42)
        Arena.ofConfined().use { arena ->
            val array = arena.allocateFrom(ValueLayout.JAVA_INT, *values)
            val compare = MethodHandles.lookup().findStatic(Comparators::class.java, "compareInts", MethodType.methodType(INT, LONG, LONG))
            binding.openUpcalls().use { upcalls ->
                val comparator = upcalls.stub(compare, null)
                val qsort = binding.downcall(libc("qsort"), MethodType.methodType(Void.TYPE, LONG, LONG, LONG, LONG), critical = false)
                qsort.invokeExact(array.address(), values.size.toLong(), 4L, comparator) as Unit
            }
            array.toArray(ValueLayout.JAVA_INT).toList() shouldBe values.sorted()
        }
    }

    test("signatures outside primitives are refused naming the type") {
        val e = shouldThrow<IllegalArgumentException> {
            binding.downcall(libc("strlen"), MethodType.methodType(LONG, String::class.java), critical = false)
        }
        e.message shouldContain "java.lang.String"
    }
})

internal object Comparators {
    /** qsort's comparator over two `int*`, read through [SegmentCopy]. */
    @JvmStatic
    fun compareInts(a: Long, b: Long): Int = SegmentCopy.readInt(a, 0).compareTo(SegmentCopy.readInt(b, 0))
}

private fun seen(sightings: Sightings): MethodHandle =
    MethodHandles.lookup().findVirtual(Sightings::class.java, "seen", MethodType.methodType(LONG, LONG)).bindTo(sightings)

/**
 * Calls the `long (*)(long)` at [function] once with [arg] from a new native thread
 * (`pthread_create`, whose start routine has that shape on LP64) and returns its result.
 */
private fun onNativeThread(function: Long, arg: Long): Long {
    val binding = FfmBinding()
    val create = binding.downcall(libc("pthread_create"), MethodType.methodType(INT, LONG, LONG, LONG, LONG), critical = false)
    val join = binding.downcall(libc("pthread_join"), MethodType.methodType(INT, LONG, LONG), critical = false)
    Arena.ofConfined().use { arena ->
        val thread = arena.allocate(ValueLayout.JAVA_LONG)
        val result = arena.allocate(ValueLayout.JAVA_LONG)
        (create.invokeExact(thread.address(), 0L, function, arg) as Int) shouldBe 0
        (join.invokeExact(thread.get(ValueLayout.JAVA_LONG, 0), result.address()) as Int) shouldBe 0
        return result.get(ValueLayout.JAVA_LONG, 0)
    }
}
