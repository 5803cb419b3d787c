package dev.audioflow.spi

import dev.audioflow.testing.nativeCopyContract
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull

/** The JNA path's copy strategy, `sun.misc.Unsafe` ([NativeCopy.unsafe]), held to the [NativeCopy] contract. */
class UnsafeCopySpec : FunSpec({
    test("Unsafe copies are available on this JDK") {
        NativeCopy.unsafe.shouldNotBeNull()
    }

    include(nativeCopyContract("Unsafe", NativeCopy.unsafe!!))
})
