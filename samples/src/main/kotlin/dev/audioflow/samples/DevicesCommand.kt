package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.options.validate
import com.github.ajalt.clikt.parameters.types.int
import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.BackendChoice
import dev.audioflow.DelicateAudioApi
import dev.audioflow.HostApi
import dev.audioflow.spi.AbandonableCall
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.add
import kotlinx.serialization.json.addJsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import java.util.Locale
import kotlin.time.Duration
import kotlin.time.DurationUnit

/** `audioflow devices`: backends, host APIs and devices, marked like `python -m sounddevice`. */
class DevicesCommand : AudioCommand("devices") {
    private val json by option("--json", help = "Print JSON instead of text").flag()
    private val watch by option("--watch", help = "After the listing, print device changes as they happen (until Ctrl-C)").flag()
    private val watchSeconds by option("--watch-seconds", metavar = "SECONDS", help = "With --watch: stop after this many seconds").int()
        .validate { require(it > 0) { "--watch-seconds must be positive, was $it" } }

    override fun help(context: Context): String =
        "List backends, host APIs and devices with their sample rates, and which backend is the default and why. " +
            "'>' marks the default input, '<' the default output, '*' both."

    override fun execute() {
        val named = audio.backendName
        val backends = named?.let { listOf(AudioBackends.get(it)) } ?: AudioBackends.all()
        // Only a listing of every backend marks the default: finding it probes them all (and
        // `--backend virtual devices` must not wake a JACK server, let alone wait for a frozen one).
        val choice = if (named == null) runCatching { AudioBackends.defaultChoice() }.getOrNull() else null
        val listings = backends.map { Listing.within(it, if (named == null) it.name == choice?.backend?.name else null) }
        if (json) {
            console.println(Json { prettyPrint = true }.encodeToString(JsonObject.serializer(), toJson(listings, choice)))
        } else {
            if (choice != null) console.println("default backend: ${choice.backend.name} (${choice.reason})\n")
            listings.forEach { printText(it) }
        }
        if (watch) DeviceWatch(console).run(listings.filter { it.problem == null }.map { it.backend }, watchSeconds)
    }

    /** One backend's state, read once so text and JSON agree; [isDefault] is null when not looked for (a backend was named). */
    private class Listing(
        val backend: AudioBackend,
        val isDefault: Boolean?,
        val hostApis: List<HostApi>,
        val devices: List<AudioDevice>,
        val problem: String?,
    ) {
        companion object {
            /**
             * [of], given up after [LISTING_SECONDS]: a native library may block (libjack waits
             * for a frozen server), so the listing runs on a daemon thread that is left behind.
             */
            @OptIn(DelicateAudioApi::class)
            fun within(backend: AudioBackend, isDefault: Boolean?): Listing {
                if (backend.name == AudioBackends.VIRTUAL) return of(backend, isDefault)
                return AbandonableCall.runWithin("audioflow-list-${backend.name}", LISTING_SECONDS * 1000) { of(backend, isDefault) }
                    ?: Listing(backend, isDefault, emptyList(), emptyList(), "did not answer within $LISTING_SECONDS s (a frozen JACK server?)")
            }

            private const val LISTING_SECONDS = 5L

            fun of(backend: AudioBackend, isDefault: Boolean?): Listing {
                if (!backend.isAvailable) return Listing(backend, isDefault, emptyList(), emptyList(), backend.unavailableReason ?: "unavailable")
                return try {
                    Listing(backend, isDefault, backend.hostApis(), backend.devices(), null)
                } catch (e: AudioException) {
                    Listing(backend, isDefault, emptyList(), emptyList(), e.message)
                }
            }
        }
    }

    private fun printText(listing: Listing) {
        val backend = listing.backend
        val tag = if (listing.isDefault == true) " (default backend)" else ""
        if (listing.problem != null) {
            console.println("${backend.name}$tag: unavailable: ${listing.problem}")
            console.println()
            return
        }
        console.println("${backend.name}$tag")
        backend.nativeCallPath?.let { console.println("  native call path: ${it.name.lowercase()}") }
        for (api in listing.hostApis) console.println("  host API ${api.index}: ${api.name}, ${api.deviceCount} device(s)")
        val idWidth = listing.devices.maxOfOrNull { it.id.length } ?: 1
        for (device in listing.devices) console.println(deviceLine(device, idWidth))
        console.println()
    }

    private fun deviceLine(device: AudioDevice, idWidth: Int): String {
        val marker = when {
            device.isDefaultInput && device.isDefaultOutput -> "*"
            device.isDefaultInput -> ">"
            device.isDefaultOutput -> "<"
            else -> " "
        }
        val latencies = buildList {
            if (device.maxInputChannels > 0) add("in ${ms(device.defaultLowInputLatency)}/${ms(device.defaultHighInputLatency)} ms")
            if (device.maxOutputChannels > 0) add("out ${ms(device.defaultLowOutputLatency)}/${ms(device.defaultHighOutputLatency)} ms")
        }.joinToString(", ")
        return "$marker ${device.id.padStart(idWidth)} ${device.name}, ${device.hostApi} " +
            "(${device.maxInputChannels} in, ${device.maxOutputChannels} out), ${device.defaultSampleRate} Hz, latency low/high $latencies, " +
            "rates ${device.supportedSampleRates.joinToString(" ").ifEmpty { "none" }}"
    }

    private fun ms(latency: Duration) = String.format(Locale.ROOT, "%.1f", latency.toDouble(DurationUnit.MILLISECONDS))

    private fun toJson(listings: List<Listing>, choice: BackendChoice?): JsonObject = buildJsonObject {
        put("defaultBackend", choice?.backend?.name)
        put("defaultBackendReason", choice?.reason)
        putJsonArray("backends") {
            for (listing in listings) addJsonObject {
                put("name", listing.backend.name)
                put("available", listing.problem == null)
                put("default", listing.isDefault)
                put("reason", listing.problem)
                put("nativeCallPath", listing.backend.nativeCallPath?.name?.lowercase())
                putJsonArray("hostApis") {
                    for (api in listing.hostApis) addJsonObject {
                        put("index", api.index)
                        put("name", api.name)
                        put("type", api.type.name)
                        put("deviceCount", api.deviceCount)
                        put("defaultInputDeviceId", api.defaultInputDeviceId)
                        put("defaultOutputDeviceId", api.defaultOutputDeviceId)
                    }
                }
                putJsonArray("devices") {
                    for (device in listing.devices) add(deviceJson(device))
                }
            }
        }
    }

    private fun deviceJson(device: AudioDevice): JsonObject = buildJsonObject {
        put("id", device.id)
        put("name", device.name)
        put("hostApi", device.hostApi)
        put("maxInputChannels", device.maxInputChannels)
        put("maxOutputChannels", device.maxOutputChannels)
        put("defaultSampleRate", device.defaultSampleRate)
        putJsonArray("supportedSampleRates") { device.supportedSampleRates.forEach { add(it) } }
        put("defaultLowInputLatency", device.defaultLowInputLatency.toDouble(DurationUnit.SECONDS))
        put("defaultHighInputLatency", device.defaultHighInputLatency.toDouble(DurationUnit.SECONDS))
        put("defaultLowOutputLatency", device.defaultLowOutputLatency.toDouble(DurationUnit.SECONDS))
        put("defaultHighOutputLatency", device.defaultHighOutputLatency.toDouble(DurationUnit.SECONDS))
        put("defaultInput", device.isDefaultInput)
        put("defaultOutput", device.isDefaultOutput)
    }
}
