package dev.audioflow

/**
 * One change of a backend's device list, as [AudioBackend.deviceEvents] reports it: a device
 * [Added] or [Removed], or the default input or output now being another device.
 *
 * Devices are compared by the backend's identity of a device (host API and name for PortAudio
 * and Java Sound, whose ids are positions; the id for JACK and virtual devices), so a device
 * whose position changed is neither removed nor added. Immutable.
 *
 * ```
 * backend.deviceEvents.collect { event ->
 *     when (event) {
 *         is DeviceEvent.Added -> println("plugged in: ${event.device.name}")
 *         is DeviceEvent.Removed -> println("gone: ${event.device.name}")
 *         is DeviceEvent.DefaultInputChanged, is DeviceEvent.DefaultOutputChanged -> println(event)
 *     }
 * }
 * ```
 */
public sealed class DeviceEvent {
    /** A device that was not in the previous list. */
    public data class Added(public val device: AudioDevice) : DeviceEvent() {
        override fun toString(): String = "added ${device.describe()}"
    }

    /** A device of the previous list that is no longer there (as it was last seen). */
    public data class Removed(public val device: AudioDevice) : DeviceEvent() {
        override fun toString(): String = "removed ${device.describe()}"
    }

    /**
     * The default input device is now [current] (null: there is none), was [previous].
     */
    public data class DefaultInputChanged(public val previous: AudioDevice?, public val current: AudioDevice?) : DeviceEvent() {
        override fun toString(): String = "default input ${previous?.name ?: "none"} -> ${current?.name ?: "none"}"
    }

    /**
     * The default output device is now [current] (null: there is none), was [previous].
     */
    public data class DefaultOutputChanged(public val previous: AudioDevice?, public val current: AudioDevice?) : DeviceEvent() {
        override fun toString(): String = "default output ${previous?.name ?: "none"} -> ${current?.name ?: "none"}"
    }
}

/**
 * Java-friendly receiver of [DeviceEvent]s, registered with [AudioBackend.addDeviceListener].
 *
 * Called on one thread of the library's (never a native audio thread), one event at a time, in
 * the order the changes were seen; it may block briefly, and an exception it throws is dropped
 * without removing the listener.
 *
 * ```
 * AutoCloseable registration = backend.addDeviceListener(event -> System.out.println(event));
 * ```
 */
public fun interface DeviceListener {
    /** One change of the device list. */
    public fun onDeviceEvent(event: DeviceEvent)
}
