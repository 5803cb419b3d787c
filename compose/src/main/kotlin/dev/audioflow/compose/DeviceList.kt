package dev.audioflow.compose

import dev.audioflow.AudioBackend
import dev.audioflow.AudioDevice
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.withContext

/**
 * A backend's device list as a [StateFlow], for a [DevicePicker]: [refresh] reads
 * [AudioBackend.devices] off the UI thread (on [dispatcher]) and publishes the result. The
 * backends report no device-change events today, so the list changes only on [refresh]; call it
 * when the user asks for a rescan.
 *
 * Thread: [devices] may be read and [refresh] called from any thread or coroutine.
 *
 * ```
 * val list = DeviceList(backend)
 * LaunchedEffect(list) { list.refresh() }
 * DevicePicker(list.devices, selected = mic, onSelect = { mic = it })
 * ```
 *
 * @property backend where the devices come from.
 */
public class DeviceList(public val backend: AudioBackend, private val dispatcher: CoroutineDispatcher = Dispatchers.IO) {
    private val state = MutableStateFlow<List<AudioDevice>>(emptyList())

    /** The devices as of the last [refresh]; empty before the first. */
    public val devices: StateFlow<List<AudioDevice>> = state.asStateFlow()

    /**
     * Re-reads the backend's devices on [dispatcher] (device enumeration can block), publishes
     * them on [devices] and returns them. Cancellable while it waits for the dispatcher.
     *
     * @throws dev.audioflow.AudioException when the backend cannot list its devices; [devices]
     *   keeps the previous list.
     */
    public suspend fun refresh(): List<AudioDevice> {
        val read = withContext(dispatcher) { backend.devices() }
        state.value = read
        return read
    }
}
