package dev.audioflow.testing

import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessCycle
import jdk.jfr.Recording
import jdk.jfr.consumer.RecordedFrame
import jdk.jfr.consumer.RecordingFile
import java.lang.management.ManagementFactory
import java.nio.file.Files

/**
 * Proves an [AudioProcessor] realtime-safe the way the library proves its own callbacks: runs it
 * for many cycles on the calling thread, measured with HotSpot's per-thread allocation counter,
 * and fails naming what allocated.
 *
 * ```
 * Processors.assertAllocationFree(MyReverb(), inputChannels = 2, outputChannels = 2)
 * ```
 */
@OptIn(DelicateAudioApi::class)
public object Processors {
    private val bean = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    /**
     * Calls [processor] for [cycles] cycles of [frames] frames (after as many to let the JIT
     * compile it) with a test signal and asserts it allocated 0 bytes in at least one of five
     * windows and under 1 KiB in all (the JVM may allocate once while compiling).
     *
     * Blocks while it runs. Thread: any; only the calling thread's allocations count.
     *
     * @throws AssertionError naming the bytes allocated per cycle and the processor's frame
     *   (method and line) that allocated, from a JFR allocation recording of a further run.
     */
    @JvmStatic
    @JvmOverloads
    public fun assertAllocationFree(processor: AudioProcessor, inputChannels: Int, outputChannels: Int, frames: Int = 256, cycles: Int = 20_000) {
        val input = FloatArray(frames * inputChannels) { (it % 97) / 97f - 0.5f }
        val output = FloatArray(frames * outputChannels)
        val cycle = ProcessCycle()
        fun run(n: Int) = repeat(n) { processor.process(input, output, frames, cycle) }
        run(cycles)
        bean.isThreadAllocatedMemoryEnabled = true
        val perWindow = List(WINDOWS) {
            val before = bean.currentThreadAllocatedBytes
            run(cycles)
            bean.currentThreadAllocatedBytes - before
        }
        if (perWindow.min() == 0L && perWindow.max() < 1024) return
        val perCycle = perWindow.sum().toDouble() / (WINDOWS * cycles)
        throw AssertionError(
            "${processor::class.java.name} allocates on the audio thread: bytes per window of $cycles cycles $perWindow " +
                "(%.1f per cycle); allocated at ${allocationSite { run(cycles * 5) }}".format(perCycle),
        )
    }

    /** The first frame outside the JDK and Kotlin's runtime of the allocations JFR samples while [work] runs. */
    private fun allocationSite(work: () -> Unit): String {
        val file = Files.createTempFile("audioflow-alloc", ".jfr")
        try {
            Recording().use { recording ->
                recording.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "off")
                recording.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace()
                recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace()
                recording.start()
                work()
                recording.stop()
                recording.dump(file)
            }
            val thread = Thread.currentThread().id
            val sites = RecordingFile.readAllEvents(file)
                .filter { it.thread?.javaThreadId == thread && it.stackTrace != null }
                .mapNotNull { event ->
                    val site = event.stackTrace.frames.firstOrNull { !it.isRuntime() } ?: return@mapNotNull null
                    "${site.method.type.name}.${site.method.name} line ${site.lineNumber} (${event.getClass("objectClass")?.name})"
                }
            return sites.groupingBy { it }.eachCount().maxByOrNull { it.value }?.key ?: "an unknown site (JFR sampled none)"
        } finally {
            Files.deleteIfExists(file)
        }
    }

    private fun RecordedFrame.isRuntime(): Boolean {
        val type = method.type.name
        return RUNTIME_PACKAGES.any { type.startsWith(it) }
    }

    private const val WINDOWS = 5
    private val RUNTIME_PACKAGES = listOf("java.", "jdk.", "sun.", "kotlin.", "kotlinx.")
}
