package dev.audioflow.java

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.jdk9.asPublisher
import kotlinx.coroutines.launch
import java.util.concurrent.Executor
import java.util.concurrent.Flow.Publisher
import java.util.function.Consumer

/**
 * Live values or events for Java code: what Kotlin offers as a `StateFlow` or `SharedFlow`
 * (stream stats and info, meter levels, JACK events, port graph, transport, MIDI), as
 * listeners and as a reactive-streams [Publisher]; no polling.
 *
 * A feed of states ([latest] is not null once there is a value) hands a new listener the
 * current value first, then every change; a fast sequence of changes may be conflated to the
 * last one. A feed of events hands every event that occurs while the listener is registered.
 *
 * **Thread.** [listen] returns once the listener is live: nothing that happens after the call
 * returns is missed. Values reach the listener through the given [Executor], in order when the
 * executor runs tasks in order (a single thread, a UI's event queue, `Runnable::run`). Values
 * are never produced on a realtime thread.
 *
 * **Errors.** A listener that throws is not removed; its exception goes to the executor (for
 * `Runnable::run`, to the feed's thread, where it is dropped).
 *
 * ```java
 * Feed<Levels> levels = new Feed<>();
 * try (Registration r = levels.listen(SwingUtilities::invokeLater, l -> meterBar.setValue(l.peakDbfs(0)))) {
 *     signal.meter(2048, levels).play(speaker);
 * }
 * ```
 */
public class Feed<T : Any> internal constructor(
    private val values: Flow<T>,
    private val state: StateFlow<T?>?,
    private val holder: MutableStateFlow<T?>?,
) {
    private constructor(holder: MutableStateFlow<T?>) : this(holder.filterNotNull(), holder, holder)

    /**
     * A feed that holds the last value an audioflow operator published into it, for
     * [Signal.meter] and [Signal.statusEvents].
     */
    public constructor() : this(MutableStateFlow<T?>(null))

    /** The current value of a feed of states, or null before the first one and for a feed of events. */
    public fun latest(): T? = state?.value

    /**
     * Registers [listener], called through [executor] with every value from now on (the current
     * one first, for a feed of states), until the returned [Registration] is closed.
     */
    public fun listen(executor: Executor, listener: Consumer<in T>): Registration {
        val job = listeners.launch(start = CoroutineStart.UNDISPATCHED) {
            values.collect { value ->
                delivering.set(true)
                try {
                    executor.execute { listener.accept(value) }
                } finally {
                    delivering.set(false)
                }
            }
        }
        // Waiting for the collector from inside its own delivery (a listener closing itself on
        // the feed's thread) would never end; there, cancelling is all that can be done.
        return Registration {
            job.cancel()
            if (!delivering.get()) job.joinUninterruptibly()
        }
    }

    /**
     * The values as a [Publisher]: each subscriber gets the values from its subscription on,
     * buffered when it requests slowly (a slow subscriber of a feed of states sees the latest).
     */
    public fun publisher(): Publisher<T> = values.asPublisher()

    /** Sets the current value, for operators that publish into a feed created with the public constructor. */
    internal fun publish(value: T) {
        checkNotNull(holder) { "this feed is read-only" }.value = value
    }

    override fun toString(): String = "Feed(${latest() ?: "no value"})"
}

private val listeners = CoroutineScope(SupervisorJob() + Dispatchers.Default)

/** True on a thread while it hands a value to a listener's executor. */
private val delivering = ThreadLocal.withInitial { false }

/** The states of [flow]: null values (no state yet) are skipped. */
internal fun <T : Any> stateFeed(flow: StateFlow<T?>): Feed<T> = Feed(flow.filterNotNull(), flow, null)

/** The events of a hot [flow], or the values of a cold one, collected anew for every listener. */
internal fun <T : Any> eventFeed(flow: Flow<T>): Feed<T> = Feed(flow, null, null)
