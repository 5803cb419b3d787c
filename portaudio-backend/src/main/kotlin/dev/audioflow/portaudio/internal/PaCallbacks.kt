package dev.audioflow.portaudio.internal

import com.sun.jna.Callback

/**
 * `PaStreamCallback` where `unsigned long` is 64-bit (Linux, macOS: LP64). Every argument is a
 * primitive, so JNA's direct callback dispatch passes them without boxing; pointers arrive as
 * addresses.
 */
internal interface PaCallbackLp64 : Callback {
    fun callback(input: Long, output: Long, frameCount: Long, timeInfo: Long, statusFlags: Long, userData: Long): Int
}

/** `PaStreamCallback` where `unsigned long` is 32-bit (64-bit Windows: LLP64). */
internal interface PaCallbackLlp64 : Callback {
    fun callback(input: Long, output: Long, frameCount: Int, timeInfo: Long, statusFlags: Int, userData: Long): Int
}
