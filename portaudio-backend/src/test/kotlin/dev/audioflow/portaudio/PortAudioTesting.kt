package dev.audioflow.portaudio

import dev.audioflow.AudioBackends
import dev.audioflow.HostApiType
import dev.audioflow.testing.NativeRequirement
import io.kotest.core.annotation.Condition
import io.kotest.core.spec.Spec
import java.io.File
import kotlin.reflect.KClass

/**
 * What the PortAudio specs share: the registry's PortAudio backend and the devices of the test
 * ALSA configuration (src/test/alsa/asound.conf, selected by Surefire through ALSA_CONFIG_PATH).
 */
object PortAudioTesting {
    /** The backend as applications get it: through the registry. */
    val backend: PortAudioBackend by lazy { AudioBackends.get("portaudio") as PortAudioBackend }

    /** Directory of asound.conf and source.raw. */
    val alsaDir: File get() = File(requireEnv("AUDIOFLOW_ALSA_DIR"))

    /** What af_record wrote. */
    val recordFile: File get() = File(requireEnv("AUDIOFLOW_ALSA_OUT"), "af_record.raw")

    /** What af_source captures. */
    val sourceFile: File get() = File(alsaDir, "source.raw")

    /** The ALSA device called [name] in the current device list. */
    fun alsa(name: String): PortAudioDevice =
        backend.devices().single { it.hostApiType == HostApiType.Alsa && it.name == name }

    private fun requireEnv(name: String): String =
        System.getenv(name) ?: error("$name is not set: run the PortAudio specs through Maven (Surefire sets it)")
}

/**
 * Kotest condition for `@EnabledIf`: true when libportaudio loads. When it does not, prints a
 * loud warning and disables the spec, except under `CI=true`, where the spec runs and fails.
 */
class PortAudioInstalled : Condition {
    override fun evaluate(kclass: KClass<out Spec>): Boolean {
        val backend = PortAudioBackend()
        return NativeRequirement.available(
            "libportaudio for ${kclass.simpleName}",
            backend.isAvailable,
            backend.unavailableReason ?: "",
        )
    }
}

/** Both [PortAudioInstalled] and core's [dev.audioflow.testing.JackInstalled], for the JACK host API specs. */
class PortAudioAndJackInstalled : Condition {
    override fun evaluate(kclass: KClass<out Spec>): Boolean =
        PortAudioInstalled().evaluate(kclass) && dev.audioflow.testing.JackInstalled().evaluate(kclass)
}
