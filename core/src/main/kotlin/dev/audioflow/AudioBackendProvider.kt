package dev.audioflow

/**
 * Discovery hook: backends register an implementation in
 * `META-INF/services/dev.audioflow.AudioBackendProvider`.
 */
public interface AudioBackendProvider {
    /** The backend's [AudioBackend.name]. */
    public val name: String

    /** Preference when choosing a default backend: higher wins among available ones. */
    public val priority: Int

    /** Creates the backend. Called at most once per provider; must not throw when the library is missing. */
    public fun create(): AudioBackend
}
