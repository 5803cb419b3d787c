package dev.audioflow.jack.internal

import com.sun.jna.Native
import com.sun.jna.Pointer

/**
 * Direct-mapped libjack: every function the process callback calls on the JNA path
 * ([JnaProcessCalls]), and the rest, which both paths use, for uniformity. Pointers are `long`
 * addresses so that no `Pointer` object is created per call; `const char*` results are read by
 * the caller with [readString].
 */
internal object Jack {
    const val NO_START_SERVER: Int = 0x01
    const val USE_EXACT_NAME: Int = 0x02
    const val SERVER_NAME: Int = 0x04

    const val INVALID_OPTION: Int = 0x02
    const val NAME_NOT_UNIQUE: Int = 0x04
    const val SERVER_FAILED: Int = 0x10
    const val SERVER_ERROR: Int = 0x20
    const val INIT_FAILURE: Int = 0x100
    const val SHM_FAILURE: Int = 0x200
    const val VERSION_ERROR: Int = 0x400

    const val CAPTURE_LATENCY: Int = 0
    const val PLAYBACK_LATENCY: Int = 1

    const val AUDIO_TYPE: String = "32 bit float mono audio"
    const val MIDI_TYPE: String = "8 bit raw midi"

    /** Offsets in `jack_position_t` (136 bytes, packed). */
    const val POSITION_SIZE: Long = 136
    const val POS_FRAME_RATE: Long = 16
    const val POS_FRAME: Long = 20
    const val POS_VALID: Long = 24
    const val POS_BAR: Long = 28
    const val POS_BEAT: Long = 32
    const val POS_TICK: Long = 36
    const val POS_BAR_START_TICK: Long = 40
    const val POS_BEATS_PER_BAR: Long = 48
    const val POS_BEAT_TYPE: Long = 52
    const val POS_TICKS_PER_BEAT: Long = 56
    const val POS_BPM: Long = 64
    const val POSITION_BBT: Int = 0x10

    /** Offsets in `jack_midi_event_t` (24 bytes on LP64). */
    const val MIDI_EVENT_SIZE: Long = 24
    const val MIDI_EVENT_TIME: Long = 0
    const val MIDI_EVENT_LENGTH: Long = 8
    const val MIDI_EVENT_BUFFER: Long = 16

    init {
        Native.register(Jack::class.java, JackLibrary.require())
    }

    // Client
    @JvmStatic external fun jack_client_close(client: Long): Int
    @JvmStatic external fun jack_client_name_size(): Int
    @JvmStatic external fun jack_port_name_size(): Int
    @JvmStatic external fun jack_get_client_name(client: Long): Long
    @JvmStatic external fun jack_activate(client: Long): Int
    @JvmStatic external fun jack_deactivate(client: Long): Int
    @JvmStatic external fun jack_is_realtime(client: Long): Int
    @JvmStatic external fun jack_get_sample_rate(client: Long): Int
    @JvmStatic external fun jack_get_buffer_size(client: Long): Int
    @JvmStatic external fun jack_set_buffer_size(client: Long, frames: Int): Int
    @JvmStatic external fun jack_cpu_load(client: Long): Float
    @JvmStatic external fun jack_get_xrun_delayed_usecs(client: Long): Float
    @JvmStatic external fun jack_free(ptr: Long)

    // Time
    @JvmStatic external fun jack_frame_time(client: Long): Int
    @JvmStatic external fun jack_last_frame_time(client: Long): Int
    @JvmStatic external fun jack_frames_since_cycle_start(client: Long): Int

    // Callbacks
    @JvmStatic external fun jack_set_process_callback(client: Long, callback: ProcessCallback, arg: Long): Int

    /** [jack_set_process_callback] with a function pointer: the FFM path's upcall stub. */
    @JvmStatic external fun jack_set_process_callback(client: Long, callback: Long, arg: Long): Int
    @JvmStatic external fun jack_set_xrun_callback(client: Long, callback: ArgCallback, arg: Long): Int
    @JvmStatic external fun jack_set_graph_order_callback(client: Long, callback: ArgCallback, arg: Long): Int
    @JvmStatic external fun jack_set_buffer_size_callback(client: Long, callback: FramesCallback, arg: Long): Int
    @JvmStatic external fun jack_set_sample_rate_callback(client: Long, callback: FramesCallback, arg: Long): Int
    @JvmStatic external fun jack_set_port_registration_callback(client: Long, callback: PortRegistrationCallback, arg: Long): Int
    @JvmStatic external fun jack_set_port_connect_callback(client: Long, callback: PortConnectCallback, arg: Long): Int
    @JvmStatic external fun jack_set_port_rename_callback(client: Long, callback: PortRenameCallback, arg: Long): Int
    @JvmStatic external fun jack_set_client_registration_callback(client: Long, callback: ClientRegistrationCallback, arg: Long): Int
    @JvmStatic external fun jack_set_freewheel_callback(client: Long, callback: FreewheelCallback, arg: Long): Int
    @JvmStatic external fun jack_set_latency_callback(client: Long, callback: LatencyCallback, arg: Long): Int
    @JvmStatic external fun jack_on_info_shutdown(client: Long, callback: InfoShutdownCallback, arg: Long)

    /** [jack_on_info_shutdown] with a function pointer: 0 takes the callback back (on an inactive client). */
    @JvmStatic external fun jack_on_info_shutdown(client: Long, callback: Long, arg: Long)

    // Ports
    @JvmStatic external fun jack_port_register(client: Long, name: String, type: String, flags: Long, bufferSize: Long): Long
    @JvmStatic external fun jack_port_unregister(client: Long, port: Long): Int
    @JvmStatic external fun jack_port_get_buffer(port: Long, frames: Int): Long
    @JvmStatic external fun jack_port_name(port: Long): Long
    @JvmStatic external fun jack_port_short_name(port: Long): Long
    @JvmStatic external fun jack_port_flags(port: Long): Int
    @JvmStatic external fun jack_port_type(port: Long): Long
    @JvmStatic external fun jack_port_is_mine(client: Long, port: Long): Int
    @JvmStatic external fun jack_port_get_all_connections(client: Long, port: Long): Long
    @JvmStatic external fun jack_port_get_aliases(port: Long, aliases: Long): Int
    @JvmStatic external fun jack_port_rename(client: Long, port: Long, name: String): Int
    @JvmStatic external fun jack_port_by_name(client: Long, name: String): Long
    @JvmStatic external fun jack_port_by_id(client: Long, id: Int): Long
    @JvmStatic external fun jack_port_get_latency_range(port: Long, mode: Int, range: Long)
    @JvmStatic external fun jack_port_set_latency_range(port: Long, mode: Int, range: Long)
    @JvmStatic external fun jack_connect(client: Long, source: String, destination: String): Int
    @JvmStatic external fun jack_disconnect(client: Long, source: String, destination: String): Int
    @JvmStatic external fun jack_get_ports(client: Long, pattern: String?, type: String?, flags: Long): Long

    // Transport
    @JvmStatic external fun jack_transport_query(client: Long, position: Long): Int
    @JvmStatic external fun jack_transport_start(client: Long)
    @JvmStatic external fun jack_transport_stop(client: Long)
    @JvmStatic external fun jack_transport_locate(client: Long, frame: Int): Int

    // MIDI (process thread only)
    @JvmStatic external fun jack_midi_get_event_count(buffer: Long): Int
    @JvmStatic external fun jack_midi_event_get(event: Long, buffer: Long, index: Int): Int
    @JvmStatic external fun jack_midi_clear_buffer(buffer: Long)
    @JvmStatic external fun jack_midi_event_reserve(buffer: Long, time: Int, size: Long): Long

    /** Reads the NUL-terminated string at [address]; null for a null pointer. Not for the process thread. */
    fun readString(address: Long): String? = if (address == 0L) null else Pointer(address).getString(0)

    /** Reads a `const char**` list and frees it with `jack_free`. */
    fun readStringList(address: Long): List<String> {
        if (address == 0L) return emptyList()
        try {
            return Pointer(address).getStringArray(0).toList()
        } finally {
            jack_free(address)
        }
    }
}
