package dev.audioflow.samples.ui

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamDiagnostics
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject
import kotlinx.serialization.json.add
import java.awt.Rectangle
import kotlin.time.DurationUnit

/**
 * The `ui --report` summary of a window session, written after the window closed and the model
 * shut down: what the view displayed, the last stream status, and what was left open.
 *
 * @property modelStopped every coroutine of the model (pipeline, intents, status) has finished.
 * @property viewStopped every coroutine of the window's view has finished.
 * @property leftoverThreads names of audioflow threads (PortAudio callback, JACK, audioflow-…)
 *   still alive after everything closed; empty when nothing leaked.
 */
class UiReport(
    val backend: String,
    val input: String?,
    val output: String?,
    val observations: UiObservations,
    val lastStatus: StreamStatus,
    val finalRun: RunState,
    val modelStopped: Boolean,
    val viewStopped: Boolean,
    val meterBounds: Rectangle?,
    val screenshot: String?,
    val leftoverThreads: List<String>,
) {
    /** The report as pretty-printed JSON. */
    @OptIn(DelicateAudioApi::class)
    fun toJson(): String = Json { prettyPrint = true }.encodeToString(JsonObject.serializer(), buildJsonObject {
        put("backend", backend)
        put("input", input)
        put("output", output)
        putJsonObject("displayed") {
            put("meterReadings", observations.meterReadings)
            put("scopeTraces", observations.scopeTraces)
            put("lowestPeakDbfs", observations.lowestPeakDbfs.takeIf { it.isFinite() }?.toDouble())
            put("highestPeakDbfs", observations.highestPeakDbfs.takeIf { it.isFinite() }?.toDouble())
            put("longestMeterGapMillis", observations.longestMeterGapMillis)
        }
        putJsonObject("status") {
            put("framesIn", lastStatus.framesIn)
            put("xruns", lastStatus.xruns)
            put("overflows", lastStatus.overflows)
            put("underflows", lastStatus.underflows)
            put("latencySeconds", lastStatus.latency.toDouble(DurationUnit.SECONDS))
        }
        put("finalState", finalRun.toString())
        put("modelStopped", modelStopped)
        put("viewStopped", viewStopped)
        put("openStreamsAfterClose", StreamDiagnostics.openStreams)
        put("streamsOpened", StreamDiagnostics.totalOpened)
        putJsonArray("leftoverThreads") { leftoverThreads.forEach { add(it) } }
        meterBounds?.let { b ->
            putJsonObject("meterBounds") {
                put("x", b.x)
                put("y", b.y)
                put("width", b.width)
                put("height", b.height)
            }
        }
        put("screenshot", screenshot)
    })

    companion object {
        /** Names of the threads audioflow's backends and facades start. */
        val AUDIOFLOW_THREAD: Regex = Regex("^(audioflow-|portaudio-callback-|jack-)")

        /** Live audioflow threads other than [except] (the caller's own helper threads). */
        fun audioflowThreads(except: Set<Thread> = emptySet()): List<String> =
            Thread.getAllStackTraces().keys.filter { it.isAlive && it !in except && AUDIOFLOW_THREAD.containsMatchIn(it.name) }.map { it.name }.sorted()
    }
}
