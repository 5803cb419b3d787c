package dev.audioflow

/**
 * How a native backend's realtime callbacks reach the JVM, chosen once when the backend (a
 * PortAudio backend, a JACK client) starts, and reported in [StreamInfo.nativeCallPath] and
 * [AudioBackend.nativeCallPath].
 *
 * By default a JVM of version 22 or newer with the `audioflow-native-ffm` artifact on its class
 * path takes [Ffm]; any other takes [Jna]. The system property `audioflow.native.path`
 * (`auto`, `jna` or `ffm`; see `dev.audioflow.spi.NativeCallPaths`) overrides the choice for
 * tests and diagnosis. Both paths run the same per-cycle code and follow the same realtime rule;
 * they differ in what a cycle costs (see the README's benchmark table).
 *
 * ```
 * val info = monitor.info.first { it != null }!!
 * println("callbacks through ${info.nativeCallPath}")   // Ffm on JDK 25 with audioflow-native-ffm
 * ```
 */
public enum class NativeCallPath {
    /**
     * JNA direct mapping: the callback is a JNA `Callback` whose native threads stay attached;
     * per-cycle library calls are JNA direct-mapped functions and copies use `sun.misc.Unsafe`.
     * Works on every JDK from 17.
     */
    Jna,

    /**
     * The JDK's Foreign Function & Memory API (`java.lang.foreign`, final in JDK 22): the
     * callback is an upcall stub, per-cycle library calls are downcall handles and copies go
     * through `MemorySegment`. Needs JDK 22+ and `audioflow-native-ffm`; JDK 24+ prints a warning
     * unless the JVM runs with `--enable-native-access=ALL-UNNAMED`.
     */
    Ffm,
}
