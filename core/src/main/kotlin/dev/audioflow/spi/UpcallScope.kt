package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import java.lang.invoke.MethodHandle

/**
 * Backend SPI: upcall stubs (C function pointers that call a Java method) that live exactly as
 * long as this scope: a stub cannot be collected while the scope is open, because nothing but
 * [close] frees it. A backend keeps the scope with the stream or client whose native side holds
 * the pointers and closes it only once that side can no longer call them (after
 * `Pa_CloseStream` or `jack_client_close` returned); a stream or client that had to be left
 * open keeps its scope open for the rest of the process.
 *
 * Thread-safe. [stub] and [close] are not realtime.
 *
 * ```
 * val upcalls = binding.openUpcalls()
 * val target = MethodHandles.lookup().findVirtual(ProcessDispatcher::class.java, "invoke", methodType(Int::class.java, Int::class.java, Long::class.java)).bindTo(dispatcher)
 * jack_set_process_callback(client, upcalls.stub(target, "jack-myclient"), 0)
 * // ... jack_client_close(client) returned:
 * upcalls.close()
 * ```
 */
@DelicateAudioApi
public interface UpcallScope : AutoCloseable {
    /**
     * A C function pointer that calls [target] with the C signature its type describes (see
     * [ForeignBinding]). A native thread calling it for the first time attaches to the JVM as a
     * daemon thread and stays attached until it ends; it is named [threadName] (when not null)
     * on its first call. [target] must not throw: an exception escaping an upcall ends the JVM.
     *
     * @throws IllegalStateException when the scope is closed.
     */
    public fun stub(target: MethodHandle, threadName: String?): Long

    /** Frees every stub of this scope; calling one afterwards crashes the process. Idempotent. */
    override fun close()
}
