package dev.audioflow.jack.internal

import com.sun.jna.Library
import com.sun.jna.Native
import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference

/**
 * libjack's internal-client functions (`jack/intclient.h`), interface-mapped because
 * `jack_internal_client_load` is variadic (its load name and init string follow the status
 * pointer when the options say so), which JNA's direct mapping cannot call. None of them is on a
 * realtime path: they are server requests made from ordinary threads.
 */
internal interface InternalClientLibrary : Library {
    /** `jack_intclient_t jack_internal_client_load(client, name, options, status, ...)`; 0 on failure. */
    fun jack_internal_client_load(client: Pointer, clientName: String, options: Int, status: IntByReference, vararg args: Any?): Long

    /** `jack_status_t jack_internal_client_unload(client, intclient)`; 0 on success. */
    fun jack_internal_client_unload(client: Pointer, intclient: Long): Int

    /** `jack_intclient_t jack_internal_client_handle(client, name, status)`; 0 when no such client. */
    fun jack_internal_client_handle(client: Pointer, clientName: String, status: IntByReference): Long

    /** `char *jack_get_internal_client_name(client, intclient)`, to be freed with `jack_free`. */
    fun jack_get_internal_client_name(client: Pointer, intclient: Long): Pointer?

    /** `void jack_free(void *ptr)`. */
    fun jack_free(pointer: Pointer)

    companion object {
        /** `JackLoadName`: the variadic arguments start with the shared object's name. */
        const val LOAD_NAME: Int = 0x08

        /** `JackLoadInit`: then comes the init string handed to its `jack_initialize`. */
        const val LOAD_INIT: Int = 0x10

        /** `JackNoSuchClient` status bit. */
        const val NO_SUCH_CLIENT: Int = 0x40

        /** `JackLoadFailure` status bit. */
        const val LOAD_FAILURE: Int = 0x80

        /** `JackInitFailure` status bit. */
        const val INIT_FAILURE: Int = 0x100

        /** The binding, on the libjack the backend uses. */
        val native: InternalClientLibrary by lazy {
            Native.load(JackLibrary.require().name, InternalClientLibrary::class.java)
        }
    }
}
