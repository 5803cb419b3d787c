package dev.audioflow.samples

import com.github.ajalt.clikt.parameters.groups.OptionGroup
import com.github.ajalt.clikt.parameters.options.convert
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.choice
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.BlockSize
import dev.audioflow.Latency
import dev.audioflow.StreamConfig
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.findDevice

/**
 * The options every audio command accepts, before the command name (`audioflow --backend jack
 * tone`) or after it (`audioflow tone --backend jack`); a value after the command wins.
 */
class AudioOptions : OptionGroup("Audio options") {
    val backend: String? by option("--backend", "-b", metavar = "NAME", help = "Backend: ${AudioBackends.names().joinToString("|")} (default: the first available with an output device)")
        .convert { name ->
            val known = AudioBackends.names()
            if (name.lowercase() !in known) fail("unknown backend '$name' (registered: ${known.joinToString()})")
            name.lowercase()
        }
    val device: String? by option("--device", "-d", metavar = "ID|NAME", help = "Device id, or a substring of its name")
    val rate: Int? by option("--rate", "-r", metavar = "HZ", help = "Sample rate in Hz, $MIN_RATE..${AudioFormat.MAX_SAMPLE_RATE} (default: the device's)")
        .int().restrictTo(MIN_RATE..AudioFormat.MAX_SAMPLE_RATE)
    val block: BlockSize? by option("--block", metavar = "FRAMES|variable", help = "Frames per block (default 256), or 'variable' to let the backend choose")
        .convert { text -> parseBlockSize(text) ?: fail("--block must be 1..${BlockSize.MAX_FRAMES} frames or 'variable', was '$text'") }
    val latency: Latency? by option("--latency", metavar = "low|high|DURATION", help = "Suggested device latency: low, high, a duration (20ms) or seconds (default high)")
        .convert { text -> try { Latency.parse(text) } catch (e: AudioException) { fail(e.message) } }
    val streamThread: StreamThreadPlacement? by option(
        "--stream-thread",
        metavar = "while-light|colocated|free",
        help = "Where the stream's own thread runs (JACK and PortAudio on Linux): on the native audio thread's CPU while it uses at most half a CPU (default), always there, or where the system puts it",
    ).choice(StreamThreadPlacement.entries.associateBy { it.id })
    val debug: Boolean by option("--debug", help = "Print stack traces of errors").flag()
}

/**
 * The effective audio settings of one command: its own [AudioOptions] over the root's.
 */
class AudioSettings(private val local: AudioOptions, private val global: AudioOptions?) {
    val backendName: String? get() = local.backend ?: global?.backend
    val deviceQuery: String? get() = local.device ?: global?.device
    val rate: Int? get() = local.rate ?: global?.rate
    val blockSize: BlockSize get() = local.block ?: global?.block ?: BlockSize.DEFAULT
    val latency: Latency get() = local.latency ?: global?.latency ?: Latency.High
    val streamThread: StreamThreadPlacement get() = local.streamThread ?: global?.streamThread ?: StreamThreadPlacement.DEFAULT

    /** The chosen backend, checked to be available. */
    val backend: AudioBackend by lazy {
        val backend = backendName?.let { AudioBackends.get(it) } ?: AudioBackends.default()
        if (!backend.isAvailable) {
            throw AudioException(AudioErrorKind.BackendUnavailable, backend.unavailableReason ?: "backend ${backend.name} is unavailable", backend = backend.name)
        }
        backend
    }

    /** The `--device` output device, or the backend's default. */
    fun outputDevice(): AudioDevice = deviceQuery?.let { backend.findDevice(it) } ?: backend.defaultOutputDevice()

    /** The `--device` input device, or the backend's default. */
    fun inputDevice(): AudioDevice = deviceQuery?.let { backend.findDevice(it) } ?: backend.defaultInputDevice()

    /** A stream configuration with [channels] channels at `--rate` (or [device]'s default rate). */
    fun config(device: AudioDevice, channels: Int, outputChannels: Int? = null): StreamConfig =
        StreamConfig(
            AudioFormat(rate ?: device.defaultSampleRate, channels),
            blockSize,
            latency,
            outputChannels = outputChannels,
            settings = listOf(streamThread),
        )
}

/** `variable`, or a frame count in 1..[BlockSize.MAX_FRAMES]; null for anything else. */
private fun parseBlockSize(text: String): BlockSize? {
    if (text.equals("variable", ignoreCase = true)) return BlockSize.Variable
    return text.toIntOrNull()?.takeIf { it in 1..BlockSize.MAX_FRAMES }?.let { BlockSize.Fixed(it) }
}

/** The lowest `--rate` accepted: no audio device runs slower (telephony's 8 kHz is the floor). */
const val MIN_RATE: Int = 8_000

/** Channels the commands use when not told: stereo, or fewer when a device has fewer. */
const val DEFAULT_CHANNELS: Int = 2

/** [DEFAULT_CHANNELS] limited by each of [deviceChannels], and at least 1. */
fun defaultChannels(vararg deviceChannels: Int): Int = deviceChannels.fold(DEFAULT_CHANNELS, ::minOf).coerceAtLeast(1)
