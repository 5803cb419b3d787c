package dev.audioflow.samples

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.arguments.multiple
import com.github.ajalt.clikt.parameters.types.choice
import dev.audioflow.AudioBackends
import dev.audioflow.samples.scenarios.ComposeMeter
import dev.audioflow.samples.scenarios.DuplexWire
import dev.audioflow.samples.scenarios.JackPatchbay
import dev.audioflow.samples.scenarios.ListDevices
import dev.audioflow.samples.scenarios.PlaySine
import dev.audioflow.samples.scenarios.PlayWav
import dev.audioflow.samples.scenarios.RecordToWav
import dev.audioflow.samples.scenarios.UiMeter

/** `audioflow example NAME [ARGS]`: runs one of the scenario programs in `samples`. */
class ExampleCommand : CliktCommand("example") {
    private val name by argument("NAME", help = "The scenario: ${EXAMPLES.keys.joinToString(", ")}").choice(*EXAMPLES.keys.toTypedArray())
    private val args by argument("ARGS", help = "Arguments for the scenario (--backend, --device, --list-devices, --seconds...)").multiple()

    init {
        context { allowInterspersedArgs = false }
    }

    override val treatUnknownOptionsAsArgs: Boolean = true

    override fun help(context: Context): String =
        "Run a scenario program (the commented sources in samples/src/main/.../scenarios and JavaExample.java)."

    override fun run() {
        // A --backend given to audioflow becomes the default backend of the scenario program.
        val backend = (currentContext.findRoot().command as Audioflow).options.backend
        val previous = System.getProperty(AudioBackends.BACKEND_PROPERTY)
        backend?.let { System.setProperty(AudioBackends.BACKEND_PROPERTY, it) }
        try {
            EXAMPLES.getValue(name)(args.toTypedArray())
        } finally {
            if (previous == null) System.clearProperty(AudioBackends.BACKEND_PROPERTY) else System.setProperty(AudioBackends.BACKEND_PROPERTY, previous)
        }
    }

    companion object {
        /** Each scenario's `main`, by the name the command takes. */
        val EXAMPLES: Map<String, (Array<String>) -> Unit> = linkedMapOf(
            "list-devices" to ListDevices::main,
            "play-sine" to PlaySine::main,
            "record-to-wav" to RecordToWav::main,
            "play-wav" to PlayWav::main,
            "duplex-wire" to DuplexWire::main,
            "jack-patchbay" to JackPatchbay::main,
            "ui-meter" to UiMeter::main,
            "compose-meter" to ComposeMeter::main,
            "java" to JavaExample::main,
        )
    }
}
