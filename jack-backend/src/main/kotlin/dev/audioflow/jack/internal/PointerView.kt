package dev.audioflow.jack.internal

import com.sun.jna.Pointer

/**
 * A reusable view of native memory: [at] re-points it without allocating, so the process
 * thread can copy port buffers with `read`/`write` into preallocated arrays.
 */
internal class PointerView : Pointer(0) {
    fun at(address: Long): PointerView {
        peer = address
        return this
    }
}
