package dev.audioflow.spi.jna

import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.NativeCallPath
import dev.audioflow.StreamConfig
import dev.audioflow.StreamThreadPlacement
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.ForeignBinding
import dev.audioflow.spi.NativeBufferAccess
import dev.audioflow.spi.NativeCallPaths
import dev.audioflow.spi.NativeCopy
import dev.audioflow.spi.RealtimeEndpoint
import dev.audioflow.spi.ThreadPlacement

/**
 * Backend SPI: the native call path a JNA backend runs with, chosen once when it starts
 * ([choose]), and what goes with it: the [ForeignBinding] on [NativeCallPath.Ffm], the rings'
 * copy strategy ([ringCopy]) and the memory access of its callbacks ([memoryAccess]). On the
 * FFM path nothing here touches `sun.misc.Unsafe`; on the JNA path everything is as before the
 * FFM path existed (JNA callbacks and pointer views, `Unsafe` ring copies).
 *
 * Immutable and thread-safe; nothing here is realtime.
 *
 * ```
 * val calls = NativeCalls.choose("portaudio")        // when the backend starts
 * val copy = calls.ringCopy                           // null: take the ArrayFallback
 * val access = calls.memoryAccess()                   // one per callback thread
 * ```
 *
 * @property path the chosen path.
 * @property foreign the FFM binding; null on [NativeCallPath.Jna].
 */
@DelicateAudioApi
public class NativeCalls private constructor(
    public val path: NativeCallPath,
    public val foreign: ForeignBinding?,
) {
    /**
     * How the rings copy straight to and from native buffers: the binding's `MemorySegment`
     * copies on FFM, `sun.misc.Unsafe` on JNA, or null on JNA where `Unsafe` is missing or
     * denied (callbacks then take core's [ArrayFallback] with [memoryAccess]).
     */
    public val ringCopy: NativeCopy? = foreign?.copy ?: NativeCopy.unsafe

    /**
     * A memory access for one callback thread (struct fields, byte copies, the array fallback):
     * the binding's thread-safe segment copies on FFM, a new [JnaBufferAccess] on JNA.
     */
    public fun memoryAccess(): NativeBufferAccess = foreign?.copy ?: JnaBufferAccess()

    /**
     * Where this path's threads run and how to pin them ([LinuxThreadPlacement]), for streams
     * placed by [StreamThreadPlacement]; null off Linux. Looked up on first use.
     */
    public val threadPlacement: ThreadPlacement? by lazy { LinuxThreadPlacement.of(foreign) }

    /**
     * Colocates [endpoint]'s stream thread with the audio thread
     * ([RealtimeEndpoint.colocateStreamThread]) as [config]'s [StreamThreadPlacement] asks (by
     * default [StreamThreadPlacement.ColocatedWhileLight]) when the stream has one (it has
     * output: duplex streams and sinks) and this system has a [threadPlacement]. Call it when
     * the stream is built, before its callbacks start. Not realtime.
     */
    public fun colocateIfAsked(config: StreamConfig, endpoint: RealtimeEndpoint) {
        if (endpoint.outputChannels == 0) return
        val placement = threadPlacement ?: return
        endpoint.colocateStreamThread(placement, StreamThreadPlacement.of(config))
    }

    override fun toString(): String = "NativeCalls($path${foreign?.let { ", ${it.description}" } ?: ""})"

    public companion object {
        /**
         * The path of a backend called [backend] starting now ([NativeCallPaths.choose]).
         *
         * @throws AudioException as [NativeCallPaths.choose]: a bad `audioflow.native.path`, or
         *   `ffm` asked for where there is no binding.
         */
        @JvmStatic
        public fun choose(backend: String): NativeCalls {
            val path = NativeCallPaths.choose(backend)
            return NativeCalls(path, if (path == NativeCallPath.Ffm) NativeCallPaths.foreign(backend) else null)
        }
    }
}
