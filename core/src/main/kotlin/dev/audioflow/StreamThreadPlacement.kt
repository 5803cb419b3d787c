package dev.audioflow

/**
 * Where a stream's own thread runs, as a [StreamConfig] setting: the thread its Flow side runs on
 * between the native callback's cycles (duplex streams and sinks of the JACK and PortAudio
 * backends), which the callback wakes once per cycle.
 *
 * That wake-up is the dearest thing a callback does when it crosses CPUs (an inter-processor
 * interrupt; on a virtual machine a trip through the hypervisor). On the audio thread's own CPU
 * it is a local enqueue: on a 2-core VM a JACK 2×2 passthrough at `-p 64` on the FFM path took
 * 17–24 ms of CPU per second of audio colocated against 23–39 ms free in the same runs, 1.0–2.1×
 * a client with ports and no stream (`benchmarks/jack/run`, seven runs, docs/latency.md). The price of colocation: the
 * stream thread shares that CPU with the audio thread (which preempts it) and cannot move to an
 * idle one, which a heavy Flow would want. Hence the default, [ColocatedWhileLight]: colocated
 * for as long as the stream thread is light and gets the CPU when it needs it there, free from
 * then on.
 *
 * Honoured by the JACK and PortAudio backends on Linux; elsewhere (other systems, the virtual and
 * Java Sound backends, input-only streams, which have no stream thread) every value acts as
 * [Free]. [StreamInfo.description] carries the [description] of the placement a stream has,
 * and is published anew when a [ColocatedWhileLight] stream lets its thread go.
 *
 * Thread: immutable values, any.
 *
 * ```
 * val config = StreamConfig(AudioFormat(48_000, 2), blockSize = BlockSize.Fixed(64), settings = listOf(StreamThreadPlacement.Free))
 * jackDevice.duplex(config) { input -> input.map(::heavyAnalysis) }
 * ```
 * From Java: `config.withSettings(StreamThreadPlacement.Free)`.
 *
 * @property id the placement's short name (`free`, `colocated`, `while-light`), as the CLI's
 *   `--stream-thread` takes it; [byId] finds a placement by it.
 * @property description what [StreamInfo.description] carries when a stream has this placement
 *   (empty for [Free]); [noteIn] finds it there.
 */
public enum class StreamThreadPlacement(public val id: String, public val description: String) : BackendSettings {
    /** Wherever the system's scheduler puts it, like any thread. */
    Free("free", ""),

    /**
     * Pinned to the CPU the native audio thread runs on, following it when it moves (checked
     * every 64 cycles), for the whole stream: the cheapest wake-up, for a Flow known to be light.
     */
    Colocated("colocated", ", stream thread on the audio thread's CPU"),

    /**
     * The default: as [Colocated] while the stream thread is light there, judged over windows
     * of at least 64 cycles and 100 ms: after four windows in a row in which it ran more than
     * half the time, spent more than a tenth of the time ready to run but waiting for that CPU
     * (both as the kernel's scheduler statistics report them), or never caught up
     * with the device (it waited for no cycle), it is let go (free on every CPU of the process)
     * for the rest of the stream, and [StreamInfo.description] then carries
     * [RELEASED_DESCRIPTION] instead.
     */
    ColocatedWhileLight("while-light", ", stream thread on the audio thread's CPU while its Flow is light"),
    ;

    public companion object {
        /** The placement of a stream whose config names none: [ColocatedWhileLight]. */
        @JvmField
        public val DEFAULT: StreamThreadPlacement = ColocatedWhileLight

        /** What [StreamInfo.description] carries once a [ColocatedWhileLight] stream let its thread go. */
        public const val RELEASED_DESCRIPTION: String = ", stream thread let go from the audio thread's CPU (it was busy or kept waiting there)"

        /** The placement [config] asks for: its [StreamThreadPlacement] setting, else [DEFAULT]. Pure; any thread. */
        @JvmStatic
        public fun of(config: StreamConfig): StreamThreadPlacement = config.setting<StreamThreadPlacement>() ?: DEFAULT

        /** The placement whose [id] is [id], or null. Pure; any thread. */
        @JvmStatic
        public fun byId(id: String): StreamThreadPlacement? = entries.firstOrNull { it.id == id }

        /**
         * The placement note a stream's [StreamInfo.description] carries: [RELEASED_DESCRIPTION]
         * or one placement's [description]; empty when it carries none (a free or unplaced
         * stream). Pure; any thread.
         */
        @JvmStatic
        public fun noteIn(description: String): String =
            // While-light's note begins with Colocated's, so it is looked for first.
            listOf(RELEASED_DESCRIPTION, ColocatedWhileLight.description, Colocated.description).firstOrNull { it in description } ?: ""
    }
}
