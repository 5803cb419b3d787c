package dev.audioflow.spi.jna

import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import com.sun.jna.Platform
import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.ForeignBinding
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.spi.ThreadPlacement
import java.lang.invoke.MethodHandle
import java.lang.invoke.MethodType

/**
 * Backend SPI: [ThreadPlacement] on Linux through glibc: [currentCpu] is `sched_getcpu()` (a
 * vDSO read, no system call), [pinCurrentThread] `sched_setaffinity(0, ...)` on the calling
 * thread and [unpinCurrentThread] the same with the mask `sched_getaffinity` reads for the
 * process's main thread. On the JNA path all are JNA direct-mapped calls; on the FFM path
 * [currentCpu], which the audio thread makes, is a critical downcall handle instead, and the
 * other two, which only the stream thread makes (when the audio thread moved, or once to let the
 * stream thread go), stay on JNA. No library offers these calls for the JVM (Java has no thread
 * affinity API), hence this small binding.
 *
 * Realtime: [currentCpu] allocates nothing and takes no lock on either path.
 *
 * ```
 * val placement = LinuxThreadPlacement.of(calls.foreign)   // null off Linux
 * ```
 */
@DelicateAudioApi
public abstract class LinuxThreadPlacement private constructor() : ThreadPlacement {
    override fun pinCurrentThread(cpu: Int): Boolean {
        if (cpu < 0 || cpu >= MAX_CPUS) return false
        val mask = Memory(MAX_CPUS / 8L).apply { clear() }
        mask.setByte(cpu / 8L, (1 shl (cpu % 8)).toByte())
        return LibcJna.sched_setaffinity(0, MAX_CPUS / 8L, mask) == 0
    }

    override fun unpinCurrentThread(): Boolean {
        val mask = Memory(MAX_CPUS / 8L).apply { clear() }
        if (LibcJna.sched_getaffinity(ProcessHandle.current().pid().toInt(), MAX_CPUS / 8L, mask) != 0) return false
        return LibcJna.sched_setaffinity(0, MAX_CPUS / 8L, mask) == 0
    }

    private class Jna : LinuxThreadPlacement() {
        override fun currentCpu(): Int = LibcJna.sched_getcpu()

        override fun toString(): String = "LinuxThreadPlacement(jna)"
    }

    private class Ffm : LinuxThreadPlacement() {
        override fun currentCpu(): Int = LibcFfm.schedGetcpu.invokeExact() as Int

        override fun toString(): String = "LinuxThreadPlacement(ffm)"
    }

    public companion object {
        /** CPUs a mask covers: glibc's `CPU_SETSIZE`. */
        private const val MAX_CPUS = 1024

        /**
         * The placement for a backend whose path has [foreign] as its binding (null: the JNA
         * path), or null off Linux or where glibc lacks the calls.
         */
        @JvmStatic
        public fun of(foreign: ForeignBinding?): ThreadPlacement? {
            if (!Platform.isLinux()) return null
            return try {
                LibcJna.sched_getcpu()
                if (foreign == null) Jna() else Ffm().also { it.currentCpu() }
            } catch (e: LinkageError) {
                null
            }
        }
    }
}

/** glibc's three calls, direct-mapped by JNA. */
@Suppress("FunctionName")
private object LibcJna {
    init {
        Native.register(LibcJna::class.java, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME))
    }

    /** `int sched_getcpu(void)`. */
    @JvmStatic external fun sched_getcpu(): Int

    /** `int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)`. */
    @JvmStatic external fun sched_setaffinity(pid: Int, size: Long, mask: Pointer): Int

    /** `int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)`. */
    @JvmStatic external fun sched_getaffinity(pid: Int, size: Long, mask: Pointer): Int
}

/**
 * `sched_getcpu` as a critical FFM downcall, in a `static final` field so that the JIT inlines
 * `invokeExact`; created on first use, which only the FFM path makes.
 */
@OptIn(DelicateAudioApi::class)
private object LibcFfm {
    @JvmField val schedGetcpu: MethodHandle = NativeCallPaths.foreign("thread placement").downcall(
        Pointer.nativeValue(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("sched_getcpu")),
        MethodType.methodType(Integer.TYPE),
        critical = true,
    )
}
