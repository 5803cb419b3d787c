package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import dev.audioflow.StreamDiagnostics
import dev.audioflow.compose.MeterReading
import dev.audioflow.testing.Leaks
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualDevice
import dev.audioflow.virtual.VirtualSink
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.floats.plusOrMinus as floatPlusOrMinus
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.ranges.shouldBeIn
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.milliseconds

/** The `ui` window's model on real-time virtual devices: selection, lifecycle, meters, gain, faults. */
class UiModelSpec : FunSpec({
    fun backendWith(amplitude: Float = 0.25f): Triple<VirtualBackend, VirtualDevice, VirtualDevice> {
        val backend = VirtualBackend(Pacing.Realtime, "ui-test")
        val sine = backend.addInput("sine", 2, 48_000, VirtualSource.sine(1000.0, amplitude))
        val speaker = backend.addOutput("speaker", 2, 48_000, VirtualSink.discard())
        return Triple(backend, sine, speaker)
    }

    /** A model on [backend] started from [input] to [output], running [body], closed afterwards. */
    fun running(backend: VirtualBackend, input: VirtualDevice, output: VirtualDevice?, options: PipelineOptions = PipelineOptions(), body: suspend (LiveAudioModel) -> Unit) {
        LiveAudioModel(backend, options).use { model ->
            runBlocking {
                model.refreshDevices().join()
                model.selectInput(input)
                model.selectOutput(output)
                model.start()
                body(model)
            }
        }
    }

    suspend fun LiveAudioModel.awaitRun(predicate: (RunState) -> Boolean): RunState = withTimeout(10_000) { run.first(predicate) }

    suspend fun LiveAudioModel.awaitMeters(after: Long = 0, predicate: (MeterReading) -> Boolean = { true }): MeterReading =
        withTimeout(10_000) { meters.first { it != null && it.sequence > after && predicate(it) }!! }

    test("on a virtual backend the model offers the built-in test signal and the virtual output") {
        val (backend, _, speaker) = backendWith()
        LiveAudioModel(backend).use { model ->
            runBlocking { model.refreshDevices().join() }
            model.input.value?.name shouldBe TestSignal.DEVICE_NAME
            model.output.value?.name shouldBe speaker.name
            model.devices.value.filter { it.maxInputChannels > 0 }.map { it.name } shouldBe listOf("sine", TestSignal.DEVICE_NAME)
            model.devices.value.filter { it.maxOutputChannels > 0 }.map { it.name } shouldBe listOf("speaker")
        }
    }

    test("start meters the input, draws the scope and counts frames; stop closes every stream") {
        val (backend, sine, speaker) = backendWith(amplitude = 0.25f)
        running(backend, sine, speaker) { model ->
            model.awaitRun { it == RunState.Running }
            val reading = model.awaitMeters(after = 5)
            reading.channels shouldBe 2
            reading.levels.peakDbfs(0) shouldBe (-12.04f).floatPlusOrMinus(0.2f)
            reading.levels.rmsDbfs(0) shouldBe (-15.05f).floatPlusOrMinus(0.2f)
            reading.holdDbfs(0) shouldBe (-12.04f).floatPlusOrMinus(0.2f)
            val trace = withTimeout(5_000) { model.scopeTrace.first { it != null }!! }
            trace.triggered shouldBe true
            trace[0, 0] shouldBe (0f).floatPlusOrMinus(0.05f)
            withTimeout(5_000) { model.status.first { it.framesIn > 48_000 / 4 } }
            model.status.value.description shouldContain "sine"
            model.status.value.description shouldContain "speaker"
            StreamDiagnostics.openStreams shouldBe 2
            model.stopAndJoin()
            model.run.value shouldBe RunState.Stopped
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("the gain reaches the audio: half the gain reads 6 dB lower, zero reads silence") {
        val (backend, sine, _) = backendWith(amplitude = 0.5f)
        running(backend, sine, null) { model ->
            val unity = model.awaitMeters(after = 3)
            unity.levels.peakDbfs(1) shouldBe (-6.02f).floatPlusOrMinus(0.2f)
            model.setGain(0.5f)
            val half = model.awaitMeters(after = unity.sequence + 3)
            half.levels.peakDbfs(1) shouldBe (-12.04f).floatPlusOrMinus(0.2f)
            model.setGain(0f)
            val muted = model.awaitMeters(after = half.sequence + 3)
            muted.levels.peakDbfs(1) shouldBe Float.NEGATIVE_INFINITY
            model.setGain(Float.NaN)
            model.gain.value shouldBe 1f
            model.setGain(100f)
            model.gain.value shouldBe LiveAudioModel.MAX_GAIN
        }
    }

    test("choosing another input while running restarts the pipeline on it") {
        val (backend, sine, _) = backendWith()
        val quiet = backend.addInput("quiet", 1, 48_000, VirtualSource.sine(500.0, 0.01f))
        running(backend, sine, null) { model ->
            model.awaitMeters(after = 2)
            model.selectInput(quiet)
            val reading = model.awaitMeters { it.channels == 1 }
            reading.levels.peakDbfs(0) shouldBe (-40f).floatPlusOrMinus(0.3f)
            model.run.first { it == RunState.Running }
            model.status.value.description shouldContain "quiet"
            StreamDiagnostics.openStreams shouldBe 1
        }
        StreamDiagnostics.openStreams shouldBe 0
    }

    test("a busy device fails the pipeline with a message naming it, and nothing stays open") {
        val (backend, sine, _) = backendWith()
        sine.busy = true
        running(backend, sine, null) { model ->
            val failed = model.awaitRun { it is RunState.Failed }
            failed.shouldBeInstanceOf<RunState.Failed>().message shouldContain "sine"
            withClue("the model publishes the notice before the failed state") {
                model.notice.value.shouldNotBeNull() shouldContain "busy"
            }
            StreamDiagnostics.openStreams shouldBe 0
            sine.busy = false
            model.start()
            model.awaitRun { it == RunState.Running }
        }
    }

    test("a device that vanishes mid-stream ends the pipeline as failed, with its streams closed") {
        val (backend, sine, speaker) = backendWith()
        running(backend, sine, speaker) { model ->
            model.awaitMeters(after = 2)
            sine.vanish()
            val failed = model.awaitRun { it is RunState.Failed }
            failed.shouldBeInstanceOf<RunState.Failed>().message shouldContain "vanished"
            StreamDiagnostics.openStreams shouldBe 0
        }
    }

    test("closing the model while audio runs closes every stream and leaves no thread behind") {
        val (backend, sine, speaker) = backendWith()
        Leaks.checkNoLeaks {
            val model = LiveAudioModel(backend)
            runBlocking {
                model.refreshDevices().join()
                model.selectInput(sine)
                model.selectOutput(speaker)
                model.start()
                model.awaitMeters(after = 2)
            }
            model.close()
            model.close()
            model.run.value shouldBe RunState.Stopped
        }
    }

    test("status merges both streams: latency of input and output, frames captured") {
        val (backend, sine, speaker) = backendWith()
        running(backend, sine, speaker, PipelineOptions(blockSize = BlockSize.Fixed(480))) { model ->
            val status = withTimeout(5_000) { model.status.first { it.framesIn > 4_800 && !it.cpuLoad.isNaN() } }
            status.sampleRate shouldBe 48_000
            status.blockSize shouldBe BlockSize.Fixed(480)
            status.latency shouldBe 20.milliseconds
            withClue("CPU load of a virtual driver is a small fraction") { status.cpuLoad shouldBeIn 0.0..1.0 }
            status.framesIn shouldBeGreaterThan 4_800L
        }
    }

    test("intents apply in order: stop then start restarts, a double toggle ends where it began, a device change then stop ends stopped") {
        val (backend, sine, speaker) = backendWith()
        val other = backend.addInput("other", 2, 48_000, VirtualSource.sine(500.0, 0.1f))
        running(backend, sine, speaker) { model ->
            model.awaitRun { it == RunState.Running }
            model.stop()
            model.start()
            model.awaitRun { it == RunState.Running }
            StreamDiagnostics.openStreams shouldBe 2

            model.toggle()
            model.toggle()
            model.stopAndJoin()
            model.run.value shouldBe RunState.Stopped
            StreamDiagnostics.openStreams shouldBe 0

            model.start()
            model.awaitRun { it == RunState.Running }
            model.selectInput(other)
            model.stopAndJoin()
            model.run.value shouldBe RunState.Stopped
            StreamDiagnostics.openStreams shouldBe 0
            model.input.value?.name shouldBe "other"
        }
    }

    test("closing the model while it is starting ends stopped, with nothing open") {
        val (backend, sine, speaker) = backendWith()
        val model = LiveAudioModel(backend)
        runBlocking {
            model.refreshDevices().join()
            model.selectInput(sine)
            model.selectOutput(speaker)
            model.start()
            model.closeAndJoin()
        }
        model.isClosed shouldBe true
        model.run.value shouldBe RunState.Stopped
        StreamDiagnostics.openStreams shouldBe 0
    }
})
