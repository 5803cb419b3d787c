package dev.audioflow.spi.jna

import dev.audioflow.testing.nativeBufferAccessContract
import io.kotest.core.spec.style.FunSpec

/** JNA pointer views held to the [dev.audioflow.spi.NativeBufferAccess] contract. */
class JnaBufferAccessSpec : FunSpec({
    include(nativeBufferAccessContract("JNA", JnaBufferAccess()))
})
