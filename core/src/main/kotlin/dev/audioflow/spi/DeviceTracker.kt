package dev.audioflow.spi

import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.DeviceEvent
import dev.audioflow.DeviceListener
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.launch
import java.util.function.Supplier
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Backend SPI: a backend's device list as state plus the [DeviceEvent]s between successive
 * lists, written once for every backend. The backend hands it each list it reads ([update]) or
 * lets it read one ([refresh]); the tracker diffs it against the previous list by [key] and
 * emits `Added`, `Removed`, then `DefaultInputChanged`/`DefaultOutputChanged`.
 *
 * With a [pollPeriod], the tracker re-reads the list with [scan] at that period while anyone
 * watches ([devices] or [events] collected, or a listener registered) and not at all
 * otherwise; backends with their own notifications (JACK's graph events, virtual devices)
 * pass null and call [update] or [refresh] when something changed.
 *
 * Thread-safe; [update] is serialised. Never called from a native audio thread. The first read
 * of [devices] scans once; a scan that throws [AudioException] (backend unavailable) leaves the
 * list empty.
 *
 * ```
 * private val tracker = DeviceTracker("javasound", { scanMixers() }, java.time.Duration.ofMillis(500))
 * override val deviceList: StateFlow<List<AudioDevice>> get() = tracker.devices
 * override fun devices(): List<AudioDevice> = tracker.refresh()
 * ```
 *
 * @param backendName the backend's name, for the polling coroutine's name.
 * @param scan reads the current list (blocking is fine: it runs on `Dispatchers.IO` when polled).
 * @param pollPeriod how often to re-read while watched, or null to never poll.
 * @param key what makes two snapshots the same device; default host API and name.
 */
@DelicateAudioApi
public class DeviceTracker @JvmOverloads constructor(
    backendName: String,
    private val scan: Supplier<List<AudioDevice>>,
    pollPeriod: java.time.Duration? = null,
    private val key: java.util.function.Function<AudioDevice, String> = java.util.function.Function { "${it.hostApi}\u0000${it.name}" },
) {
    private val pollPeriod: Duration? = pollPeriod?.toKotlinDuration()

    private val state = MutableStateFlow<List<AudioDevice>>(emptyList())
    private val changes = MutableSharedFlow<DeviceEvent>(extraBufferCapacity = EVENT_BUFFER, onBufferOverflow = BufferOverflow.DROP_OLDEST)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("audioflow-devices-$backendName"))
    private val lock = Any()

    @Volatile private var scanned = false

    // The defaults as of the latest update: devices may compute isDefault* live (virtual ones do).
    private var defaultInput: AudioDevice? = null
    private var defaultOutput: AudioDevice? = null

    @Volatile private var polling = false

    /** The latest list (scanned on first read), updated on every [update]. */
    public val devices: StateFlow<List<AudioDevice>>
        get() {
            start()
            return state.asStateFlow()
        }

    /**
     * Changes between successive lists, as they are seen: hot, no replay; a slow collector
     * loses the oldest of more than [EVENT_BUFFER] undelivered events.
     */
    public val events: SharedFlow<DeviceEvent>
        get() {
            start()
            return changes.asSharedFlow()
        }

    /** Reads the list with [scan] and [update]s with it; returns it. Blocking as [scan] is. */
    public fun refresh(): List<AudioDevice> = update(scan.get())

    /** Makes [list] the current list, emitting the changes from the previous one; returns [list]. */
    public fun update(list: List<AudioDevice>): List<AudioDevice> {
        synchronized(lock) {
            val previous = state.value
            scanned = true
            state.value = list
            for (event in diff(previous, list)) changes.tryEmit(event)
        }
        return list
    }

    /**
     * Calls [listener] with every change from now on, on a thread of the tracker's, until the
     * returned handle is closed (idempotent).
     */
    public fun addListener(listener: DeviceListener): AutoCloseable {
        start()
        val job = scope.launch(start = CoroutineStart.UNDISPATCHED) {
            changes.collect { event -> runCatching { listener.onDeviceEvent(event) } }
        }
        return AutoCloseable { job.cancel() }
    }

    private fun start() {
        if (!scanned) {
            try {
                refresh()
            } catch (_: AudioException) {
                scanned = true
            }
        }
        val period = pollPeriod ?: return
        synchronized(lock) {
            if (polling) return
            polling = true
        }
        scope.launch {
            combine(state.subscriptionCount, changes.subscriptionCount) { a, b -> a + b > 0 }
                .distinctUntilChanged()
                .collectLatest { watched ->
                    while (watched) {
                        delay(period)
                        try {
                            refresh()
                        } catch (_: AudioException) {
                            update(emptyList())
                        }
                    }
                }
        }
    }

    private fun diff(previous: List<AudioDevice>, current: List<AudioDevice>): List<DeviceEvent> {
        val before = previous.associateBy { key.apply(it) }
        val after = current.associateBy { key.apply(it) }
        val events = ArrayList<DeviceEvent>()
        for ((k, device) in before) if (k !in after) events += DeviceEvent.Removed(device)
        for ((k, device) in after) if (k !in before) events += DeviceEvent.Added(device)
        val oldIn = defaultInput
        val newIn = current.firstOrNull { it.isDefaultInput }
        if (oldIn?.let { key.apply(it) } != newIn?.let { key.apply(it) }) events += DeviceEvent.DefaultInputChanged(oldIn, newIn)
        val oldOut = defaultOutput
        val newOut = current.firstOrNull { it.isDefaultOutput }
        if (oldOut?.let { key.apply(it) } != newOut?.let { key.apply(it) }) events += DeviceEvent.DefaultOutputChanged(oldOut, newOut)
        defaultInput = newIn
        defaultOutput = newOut
        return events
    }

    public companion object {
        /** Undelivered events a slow collector of [events] may fall behind by before it loses the oldest. */
        public const val EVENT_BUFFER: Int = 256
    }
}
