package dev.audioflow

/**
 * A backend's own view of a running stream, beyond what [StreamStats] holds for every backend
 * (PortAudio's stream time and its callback-flag counts, for example): published on
 * [StreamMonitor.backendStatus] by the stream's coroutine side. Each backend defines one
 * immutable implementation and documents how often it is refreshed.
 *
 * ```
 * val monitor = StreamMonitor()
 * mic.input(config, monitor).collect { ... }
 * val status = monitor.backendStatus.value as? PortAudioStreamStatus
 * ```
 */
public interface BackendStatus
