package dev.audioflow.spi.jna

import com.sun.jna.Callback
import com.sun.jna.CallbackThreadInitializer
import com.sun.jna.Native
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: how native threads that call a JNA [Callback] join the JVM. A realtime callback
 * must not pay JNA's attach and detach on every call, and its thread must not keep the JVM
 * alive, so every backend attaches such threads once, as daemons, under a name that says whose
 * they are.
 *
 * Thread-safe; call before handing the callback to the native library.
 *
 * ```
 * CallbackThreads.keepAttached(driver.nativeCallback, "portaudio-callback-1")
 * ```
 */
@DelicateAudioApi
public object CallbackThreads {
    /** Native threads calling [callback] attach to the JVM on their first call as daemon threads named [threadName], and stay attached. */
    @JvmStatic
    public fun keepAttached(callback: Callback, threadName: String) {
        Native.setCallbackThreadInitializer(callback, CallbackThreadInitializer(true, false, threadName))
    }
}
