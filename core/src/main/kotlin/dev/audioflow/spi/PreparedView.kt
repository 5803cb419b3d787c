package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi

/**
 * A preallocated array (a `FloatArray` or a `ByteArray`) and the [NativeCopy.view] of it that
 * one copy made, for the owners of arrays that native memory is copied into or out of every
 * cycle and whose copy is known only later: [FloatRing]'s buffer and [ProcessorRunner]'s input
 * and output ([ArrayFallback] knows its copy when it is made, and keeps plain views).
 * On the FFM path the view is a heap `MemorySegment`, so each such copy is one `memcpy` instead
 * of an element loop (about 4× faster at 512 floats, see `SegmentCopy`).
 *
 * Thread: [prepare] runs once on the app side before the callbacks start (it may allocate);
 * [viewFor] on the realtime thread, where it allocates nothing. The view is written before the
 * volatile copy that publishes it and read after it, so a callback that sees the copy sees its
 * view. Not public: the array owners expose `prepareNativeCopy` instead.
 */
@OptIn(DelicateAudioApi::class)
internal class PreparedView(private val array: Any) {
    init {
        require(array is FloatArray || array is ByteArray) { "a view is of a FloatArray or a ByteArray, not ${array::class.java.name}" }
    }

    @Volatile private var copy: NativeCopy? = null
    private var view: Any = array

    /** Makes [copy]'s view of the array; [viewFor] hands it out for that copy from then on. Not realtime. */
    fun prepare(copy: NativeCopy) {
        view = if (array is FloatArray) copy.view(array) else copy.view(array as ByteArray)
        this.copy = copy
    }

    /** Realtime: the view [prepare] made for [copy], else the array itself (which every copy's view methods also take). */
    fun viewFor(copy: NativeCopy): Any = if (this.copy === copy) view else array
}
