@file:JvmName("AudioDevices")

package dev.audioflow

/** A one-line description like `python -m sounddevice` prints, with `>`/`<` default markers. */
public fun AudioDevice.describe(): String {
    val marker = when {
        isDefaultInput && isDefaultOutput -> "*"
        isDefaultInput -> ">"
        isDefaultOutput -> "<"
        else -> " "
    }
    return "$marker $id $name, $hostApi ($maxInputChannels in, $maxOutputChannels out), $defaultSampleRate Hz (supports ${describeRates(supportedSampleRates)})"
}

/**
 * Finds a device by exact id, then by case-insensitive name substring.
 *
 * @throws AudioException [AudioErrorKind.DeviceNotFound] naming [query] when nothing matches,
 *   [AudioErrorKind.InvalidArgument] listing the candidates when a substring is ambiguous.
 */
public fun AudioBackend.findDevice(query: String): AudioDevice {
    val all = devices()
    all.firstOrNull { it.id == query }?.let { return it }
    all.firstOrNull { it.name == query }?.let { return it }
    val matches = all.filter { it.name.contains(query, ignoreCase = true) }
    return when (matches.size) {
        1 -> matches[0]
        0 -> throw AudioException(
            AudioErrorKind.DeviceNotFound,
            "no $name device with id or name '$query' (have: ${all.joinToString { "${it.id} '${it.name}'" }})",
            backend = name,
        )
        else -> throw AudioException(
            AudioErrorKind.InvalidArgument,
            "device name '$query' is ambiguous on $name: ${matches.joinToString { "${it.id} '${it.name}'" }}",
            backend = name,
        )
    }
}

/** Rates as `44100, 48000 Hz`, or `none`. */
internal fun describeRates(rates: List<Int>): String = if (rates.isEmpty()) "none" else rates.joinToString(", ", postfix = " Hz")
