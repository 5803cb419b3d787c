package dev.audioflow.jack

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamConfig
import dev.audioflow.StreamInfo
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.process
import dev.audioflow.testing.CallbackAllocations
import dev.audioflow.testing.JackInstalled
import dev.audioflow.testing.JackServerExtension
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.io.File
import kotlin.concurrent.thread

/** The CPUs the calling thread may run on, as the kernel lists them ("1", "0-1"). */
private fun allowedCpus(): String =
    File("/proc/thread-self/status").readLines().first { it.startsWith("Cpus_allowed_list:") }.substringAfter(':').trim()

/** The CPUs of a kernel CPU list ("0-1,4": 0, 1 and 4). */
private fun cpusOf(list: String): List<Int> = list.split(',').flatMap { part ->
    val bounds = part.split('-').map { it.trim().toInt() }
    (bounds.first()..bounds.last()).toList()
}

/** The CPU the calling thread last ran on, as the kernel reports it (field 39 of its stat). */
private fun lastCpu(): Int = File("/proc/thread-self/stat").readText().substringAfterLast(')').trim().split(' ')[36].toInt()

@OptIn(DelicateAudioApi::class)
@EnabledIf(JackInstalled::class)
class StreamThreadPlacementSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 16 }

    /** Registers two inputs and two outputs, activates, and connects each output to its input. */
    fun JackClient.loopedPorts(): Pair<List<OwnPort>, List<OwnPort>> {
        val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
        val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
        activate()
        connect(outputs[0], inputs[0])
        connect(outputs[1], inputs[1])
        return inputs to outputs
    }

    /**
     * Runs a 2×2 duplex passthrough over looped-back ports for [blocks] blocks, each after [work]
     * (on the stream thread); returns the stream thread's name and CPUs at the last block, and
     * the stream's info at the end.
     */
    suspend fun JackClient.passthrough(config: StreamConfig, blocks: Int, work: () -> Unit = {}): Triple<String, String, StreamInfo> {
        val (inputs, outputs) = loopedPorts()
        val monitor = StreamMonitor()
        var threadName = ""
        var cpus = ""
        duplex(inputs, outputs, config, monitor) { input ->
            input.take(blocks).onEach {
                work()
                threadName = Thread.currentThread().name
                cpus = allowedCpus()
            }
        }
        return Triple(threadName, cpus, monitor.info.value.shouldNotBeNull())
    }

    fun JackClient.placed(placement: StreamThreadPlacement?): StreamConfig =
        streamConfig(2).copy(outputChannels = 2, settings = listOfNotNull(placement))

    test("Colocated pins the stream thread to one CPU of the process, and the stream says so") {
        val processCpus = allowedCpus()
        jackClient("colocated", server.name) {
            val (threadName, cpus, info) = passthrough(placed(StreamThreadPlacement.Colocated), 400)
            threadName shouldStartWith "audioflow-stream"
            withClue("the stream thread's CPUs were '$cpus'") { (cpus.toInt() in cpusOf(processCpus)) shouldBe true }
            info.description shouldEndWith StreamThreadPlacement.Colocated.description
        }
    }

    test("Free leaves the stream thread on every CPU the process may use") {
        val processCpus = allowedCpus()
        jackClient("free", server.name) {
            val (threadName, cpus, info) = passthrough(placed(StreamThreadPlacement.Free), 400)
            threadName shouldStartWith "audioflow-stream"
            cpus shouldBe processCpus
            info.description shouldNotContain StreamThreadPlacement.Colocated.description
        }
    }

    test("by default a light Flow's stream thread stays on the audio thread's CPU") {
        val processCpus = allowedCpus()
        jackClient("light", server.name) {
            // 1.5 s of 16-frame cycles: fifteen load windows, a light one never lets go.
            val (_, cpus, info) = passthrough(placed(null), 4_500)
            withClue("the stream thread's CPUs were '$cpus'") { (cpus.toInt() in cpusOf(processCpus)) shouldBe true }
            info.description shouldEndWith StreamThreadPlacement.ColocatedWhileLight.description
        }
    }

    test("by default a stream thread that uses most of a CPU is let go, and the stream's info says so") {
        val processCpus = allowedCpus()
        jackClient("heavy", server.name) {
            // Each block's work takes 90% of its duration: the stream thread is busy nearly all the time.
            val busyNanos = 16 * 1_000_000_000L / sampleRate * 9 / 10
            val (_, cpus, info) = passthrough(placed(null), 4_500) {
                val until = System.nanoTime() + busyNanos
                while (System.nanoTime() < until) Thread.onSpinWait()
            }
            cpus shouldBe processCpus
            info.description shouldEndWith StreamThreadPlacement.RELEASED_DESCRIPTION
            info.description shouldNotContain StreamThreadPlacement.ColocatedWhileLight.description
        }
    }

    test("input-only streams and audio-thread processors have no stream thread to place") {
        jackClient("no-thread", server.name) {
            val input = registerAudioInput("in_1")
            activate()
            val monitor = StreamMonitor()
            input(listOf(input), streamConfig(1), monitor).take(50).collect {}
            monitor.info.value.shouldNotBeNull().description shouldNotContain StreamThreadPlacement.Colocated.description

            val output = registerAudioOutput("out_1")
            val processed = StreamMonitor()
            val config = streamConfig(1).copy(settings = listOf(StreamThreadPlacement.Colocated))
            val stream = launch { device(listOf(input), listOf(output)).process(config, monitor = processed) { _, _, _, _ -> } }
            withTimeout(5_000) { while (processed.stats.value.cycles < 50) delay(5) }
            stream.cancelAndJoin()
            processed.info.value.shouldNotBeNull().description shouldNotContain StreamThreadPlacement.Colocated.description
        }
    }

    test("the client's placement pins a thread to each CPU in turn, reads the CPU it runs on, refuses CPUs outside the set, and lets the thread go") {
        jackClient("placement", server.name) {
            val placement = processCalls.native.threadPlacement.shouldNotBeNull()
            val cpus = cpusOf(allowedCpus())
            var failure: Throwable? = null
            thread(name = "placement-check") {
                try {
                    for (cpu in cpus) {
                        placement.pinCurrentThread(cpu) shouldBe true
                        allowedCpus() shouldBe cpu.toString()
                        placement.currentCpu() shouldBe cpu
                        lastCpu() shouldBe cpu
                    }
                    placement.pinCurrentThread((0 until 1024).first { it !in cpus }) shouldBe false
                    placement.pinCurrentThread(-1) shouldBe false
                    placement.pinCurrentThread(1024) shouldBe false
                    allowedCpus() shouldBe cpus.last().toString()
                    placement.unpinCurrentThread() shouldBe true
                    cpusOf(allowedCpus()) shouldBe cpus
                } catch (e: Throwable) {
                    failure = e
                }
            }.join()
            failure?.let { throw it }
        }
    }

    test("a colocated stream's process callbacks allocate nothing in steady state") {
        jackClient("colocated-alloc", server.name) {
            val (inputs, outputs) = loopedPorts()
            val monitor = StreamMonitor()
            val windows = CallbackAllocations(warmUpCycles = 15_000, windowCycles = 3_000, windows = 5)
            duplex(inputs, outputs, placed(StreamThreadPlacement.Colocated), monitor) { input -> input.takeWhile { windows.keepGoing(monitor.stats.value.cycles) } }
            windows.assertAllocationFree()
        }
    }
})
