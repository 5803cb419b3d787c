package dev.audioflow.spi.ffm

import dev.audioflow.testing.nativeCopyContract
import io.kotest.core.spec.style.FunSpec

/** The FFM path's copies held to the [dev.audioflow.spi.NativeCopy] contract the `Unsafe` ones pass. */
class SegmentCopySpec : FunSpec({
    include(nativeCopyContract("MemorySegment", SegmentCopy))
})
