package dev.audioflow.jack

import dev.audioflow.ColocatedStreamThread
import dev.audioflow.StreamConfig
import dev.audioflow.StreamInfo
import dev.audioflow.StreamMonitor
import dev.audioflow.spi.jna.LinuxThreadPlacement
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
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.takeWhile
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

@EnabledIf(JackInstalled::class)
class ColocatedStreamThreadSpec : FunSpec({
    val server = install(JackServerExtension()) { period = 16 }

    /** Runs a 2×2 duplex passthrough over looped-back ports for [blocks] blocks; returns what the stream thread saw last and the stream's info. */
    suspend fun JackClient.passthrough(config: StreamConfig, blocks: Int): Triple<String, String, StreamInfo> {
        val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
        val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
        activate()
        connect(outputs[0], inputs[0])
        connect(outputs[1], inputs[1])
        val monitor = StreamMonitor()
        var threadName = ""
        var cpus = ""
        duplex(inputs, outputs, config, monitor) { input ->
            input.take(blocks).onEach {
                threadName = Thread.currentThread().name
                cpus = allowedCpus()
            }
        }
        return Triple(threadName, cpus, monitor.info.value.shouldNotBeNull())
    }

    test("with ColocatedStreamThread the stream thread is pinned to one CPU, and the stream says so") {
        val processCpus = allowedCpus()
        jackClient("colocated", server.name) {
            val config = streamConfig(2).copy(outputChannels = 2, settings = listOf(ColocatedStreamThread()))
            val (threadName, cpus, info) = passthrough(config, 400)
            threadName shouldStartWith "audioflow-stream"
            withClue("the stream thread's CPUs were '$cpus'") { (cpus.toInt() in cpusOf(processCpus)) shouldBe true }
            info.description shouldEndWith ColocatedStreamThread.DESCRIPTION
        }
    }

    test("without it the stream thread may run on every CPU the process may") {
        val processCpus = allowedCpus()
        jackClient("free", server.name) {
            val (threadName, cpus, info) = passthrough(streamConfig(2).copy(outputChannels = 2), 400)
            threadName shouldStartWith "audioflow-stream"
            cpus shouldBe processCpus
            info.description shouldNotContain ColocatedStreamThread.DESCRIPTION
        }
    }

    test("the client's placement pins a thread to each CPU in turn, reads the CPU it runs on, and refuses CPUs outside the set") {
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
                } catch (e: Throwable) {
                    failure = e
                }
            }.join()
            failure?.let { throw it }
        }
    }

    test("a colocated stream's process callbacks allocate nothing in steady state") {
        jackClient("colocated-alloc", server.name) {
            val inputs = listOf(registerAudioInput("in_1"), registerAudioInput("in_2"))
            val outputs = listOf(registerAudioOutput("out_1"), registerAudioOutput("out_2"))
            activate()
            connect(outputs[0], inputs[0])
            connect(outputs[1], inputs[1])
            val monitor = StreamMonitor()
            val windows = CallbackAllocations(warmUpCycles = 15_000, windowCycles = 3_000, windows = 5)
            val config = streamConfig(2).copy(outputChannels = 2, settings = listOf(ColocatedStreamThread()))
            duplex(inputs, outputs, config, monitor) { input -> input.takeWhile { windows.keepGoing(monitor.stats.value.cycles) } }
            windows.assertAllocationFree()
        }
    }
})
