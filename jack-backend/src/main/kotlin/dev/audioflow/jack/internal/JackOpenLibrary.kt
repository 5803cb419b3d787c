package dev.audioflow.jack.internal

import com.sun.jna.Library
import com.sun.jna.Native
import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference

/** `jack_client_open` is variadic (the server name follows the status pointer), so it goes through an interface mapping. */
internal interface JackOpenLibrary : Library {
    fun jack_client_open(name: String, options: Int, status: IntByReference, vararg args: Any?): Pointer?

    companion object {
        val instance: JackOpenLibrary by lazy {
            val library = JackLibrary.require()
            Native.load(library.file?.path ?: library.name, JackOpenLibrary::class.java)
        }
    }
}
