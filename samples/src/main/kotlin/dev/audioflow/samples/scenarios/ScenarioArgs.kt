package dev.audioflow.samples.scenarios

import dev.audioflow.AudioBackend
import dev.audioflow.AudioBackends
import dev.audioflow.AudioDevice
import dev.audioflow.describe
import dev.audioflow.findDevice

/**
 * The few options every scenario program understands, python-sounddevice-example style:
 * `--backend NAME`, `--device ID|NAME`, `--list-devices`, then positional arguments.
 */
class ScenarioArgs(args: Array<String>) {
    private val options = HashMap<String, String>()
    private val flags = HashSet<String>()

    /** Arguments that are not options, in order. */
    val positional: List<String>

    init {
        val rest = ArrayList<String>()
        var i = 0
        while (i < args.size) {
            val arg = args[i]
            when {
                arg == "--list-devices" -> flags += arg
                arg.startsWith("--") && i + 1 < args.size -> options[arg] = args[++i]
                else -> rest += arg
            }
            i++
        }
        positional = rest
    }

    /** The `--backend` backend, or the default one. */
    val backend: AudioBackend by lazy { options["--backend"]?.let { AudioBackends.get(it) } ?: AudioBackends.default() }

    /** The value of option [name] (`--seconds`...), or null. */
    fun option(name: String): String? = options[name]

    /** `--device`, or [default] of the backend. */
    fun device(default: (AudioBackend) -> AudioDevice): AudioDevice = options["--device"]?.let { backend.findDevice(it) } ?: default(backend)

    /** With `--list-devices`, prints the backend's devices and returns true: the program should stop. */
    fun listDevicesIfAsked(): Boolean {
        if ("--list-devices" !in flags) return false
        backend.devices().forEach { println(it.describe()) }
        return true
    }
}
