package dev.audioflow.java

import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger

/**
 * The one thread a Java-facade stream runs its coroutine on: named, daemon, never a realtime
 * thread. Callbacks of [CallbackInput] run here, one at a time and in order.
 */
internal class StreamThread(kind: String) : AutoCloseable {
    @Volatile
    var thread: Thread? = null
        private set

    private val dispatcher: ExecutorCoroutineDispatcher = Executors.newSingleThreadExecutor { task ->
        Thread(task, "audioflow-java-$kind-${counter.incrementAndGet()}").also {
            it.isDaemon = true
            thread = it
        }
    }.asCoroutineDispatcher()

    /**
     * A scope whose coroutines run on this thread. A failure is not printed as uncaught: the
     * stream reports it through [AudioStream.completion] and its blocking calls.
     */
    val scope: CoroutineScope = CoroutineScope(SupervisorJob() + dispatcher + CoroutineExceptionHandler { _, _ -> })

    /** True when called from this stream's own thread (a callback), where blocking on the stream would deadlock. */
    val isCurrent: Boolean get() = Thread.currentThread() === thread

    override fun close() {
        dispatcher.close()
    }

    private companion object {
        val counter = AtomicInteger()
    }
}
