package dev.audioflow

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import java.util.concurrent.Executors

/**
 * The thread a native duplex or output stream's coroutine side runs on while the stream is open:
 * one per stream, so waiting for the driver may park it outright ([dev.audioflow.spi.Wakeup.polling]
 * parks it until the native callback's `LockSupport.unpark` at the end of each cycle) instead of
 * dispatching a coroutine per block. Why: `docs/latency.md`.
 */
internal class StreamThread(task: Runnable) : Thread(task, "audioflow-stream") {
    init {
        isDaemon = true
    }
}

/**
 * Runs [block] on a new [StreamThread] when [dedicated], else right here; the thread ends when
 * [block] returns or throws. Code in [block] (a duplex transform, the Flow a sink plays) thus
 * runs on that thread, like code upstream of `flowOn`.
 */
internal suspend fun <T> onStreamThread(dedicated: Boolean, block: suspend CoroutineScope.() -> T): T {
    if (!dedicated) return coroutineScope(block)
    val executor = Executors.newSingleThreadExecutor { StreamThread(it) }
    try {
        return executor.asCoroutineDispatcher().use { withContext(it, block) }
    } finally {
        executor.shutdown()
    }
}
