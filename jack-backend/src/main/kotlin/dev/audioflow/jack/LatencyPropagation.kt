package dev.audioflow.jack

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.jack.internal.Jack

/**
 * JACK's default latency rule, which registering a latency callback turns off, applied to a
 * client's own ports: every output port's capture latency is the union of the input ports'
 * ranges, every input port's playback latency the union of the output ports'. Runs on JACK's
 * notification thread, from the latency callback.
 */
internal object LatencyPropagation {
    /** Propagates the [mode] (`jack_latency_callback_mode_t`) latency across [ports]. */
    fun propagate(ports: List<OwnPort>, mode: Int) {
        val fromInputs = mode == Jack.CAPTURE_LATENCY
        val sources = ports.filter { (Jack.jack_port_flags(it.handle) and PortFlag.Input.bit != 0) == fromInputs }
        val targets = ports.filter { (Jack.jack_port_flags(it.handle) and PortFlag.Input.bit != 0) != fromInputs }
        if (targets.isEmpty()) return
        val range = Memory(8)
        var min = Int.MAX_VALUE
        var max = 0
        for (port in sources) {
            Jack.jack_port_get_latency_range(port.handle, mode, Pointer.nativeValue(range))
            min = minOf(min, range.getInt(0))
            max = maxOf(max, range.getInt(4))
        }
        if (sources.isEmpty()) min = 0
        range.setInt(0, min)
        range.setInt(4, max)
        for (port in targets) Jack.jack_port_set_latency_range(port.handle, mode, Pointer.nativeValue(range))
    }
}
