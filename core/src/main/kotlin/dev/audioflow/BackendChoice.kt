package dev.audioflow

/**
 * Which backend [AudioBackends.defaultChoice] picked, and why. Immutable.
 *
 * ```
 * val choice = AudioBackends.defaultChoice()
 * println("${choice.backend.name}: ${choice.reason}")
 * // javasound has the default output device 'default [default]'; passed over: portaudio: libportaudio.so.2 not found...
 * ```
 *
 * @property backend the backend [AudioBackends.default] returns.
 * @property reason why: the property naming it, or the device that made it usable and why each
 *   higher-priority backend was passed over.
 */
public data class BackendChoice(public val backend: AudioBackend, public val reason: String)
