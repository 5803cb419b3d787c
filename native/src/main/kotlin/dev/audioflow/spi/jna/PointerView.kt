package dev.audioflow.spi.jna

import com.sun.jna.Pointer
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: a JNA [Pointer] that can be re-pointed at another address without allocating,
 * so a realtime callback can read and write the buffers it is handed (`read`/`write` into
 * preallocated arrays, `getInt`/`getDouble` of a struct) with no `Pointer` object per call.
 *
 * Not thread-safe: one view per thread that uses it (typically one per callback). Nothing is
 * checked: the address must be valid for what is read or written, or the JVM crashes.
 *
 * ```
 * private val timeInfo = PointerView()
 * fun adcTime(address: Long): Double = timeInfo.at(address).getDouble(0)   // on the callback thread
 * ```
 */
@DelicateAudioApi
public class PointerView : Pointer(0) {
    /** Re-points this view at [address] and returns it. Realtime-safe: a field store. */
    public fun at(address: Long): PointerView {
        peer = address
        return this
    }
}
