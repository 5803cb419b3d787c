package dev.audioflow.compose

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.DropdownMenu
import androidx.compose.material3.DropdownMenuItem
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import dev.audioflow.AudioDevice
import kotlinx.coroutines.flow.StateFlow

/** Which devices a [DevicePicker] offers. */
public enum class DeviceDirection {
    /** Devices with input channels. */
    Input,

    /** Devices with output channels. */
    Output,

    /** Every device. */
    Any,
    ;

    /** True when [device] belongs in a picker of this direction. */
    public fun accepts(device: AudioDevice): Boolean = when (this) {
        Input -> device.maxInputChannels > 0
        Output -> device.maxOutputChannels > 0
        Any -> true
    }
}

/**
 * A drop-down of the devices in [devices] that fit [direction], bound to the list as it changes
 * (a [DeviceList]'s, say): the button shows [selected] (marked "gone" once it has left the
 * list), the menu every fitting device, plus a "none" entry when [noneLabel] is given.
 * Choosing calls [onSelect]; the picker keeps no selection of its own.
 *
 * Thread: composition (the UI thread); it only reads [devices].
 *
 * ```
 * var output by remember { mutableStateOf<AudioDevice?>(null) }
 * DevicePicker(list.devices, output, { output = it }, direction = DeviceDirection.Output, noneLabel = "None")
 * ```
 *
 * @param label names the picker for screen readers and tests ("Input", "Output").
 */
@Composable
public fun DevicePicker(
    devices: StateFlow<List<AudioDevice>>,
    selected: AudioDevice?,
    onSelect: (AudioDevice?) -> Unit,
    modifier: Modifier = Modifier,
    direction: DeviceDirection = DeviceDirection.Input,
    noneLabel: String? = null,
    label: String = direction.name,
) {
    val all by devices.collectAsState()
    DevicePicker(all, selected, onSelect, modifier, direction, noneLabel, label)
}

/**
 * The stateless form of [DevicePicker]: offers the fitting devices of [devices].
 *
 * Thread: composition (the UI thread).
 *
 * ```
 * DevicePicker(backend.devices(), selected = null, onSelect = ::open)
 * ```
 */
@Composable
public fun DevicePicker(
    devices: List<AudioDevice>,
    selected: AudioDevice?,
    onSelect: (AudioDevice?) -> Unit,
    modifier: Modifier = Modifier,
    direction: DeviceDirection = DeviceDirection.Input,
    noneLabel: String? = null,
    label: String = direction.name,
) {
    val offered = devices.filter(direction::accepts)
    var expanded by remember { mutableStateOf(false) }
    val shown = when {
        selected == null -> noneLabel ?: "no device"
        offered.none { it.isSameDevice(selected) } -> "${selected.name} (gone)"
        else -> selected.name
    }
    Box(modifier) {
        OutlinedButton(
            onClick = { expanded = true },
            modifier = Modifier.widthIn(min = 200.dp, max = 320.dp).semantics { contentDescription = "$label device" },
        ) {
            Text(shown, maxLines = 1, overflow = TextOverflow.Ellipsis)
        }
        DropdownMenu(expanded = expanded, onDismissRequest = { expanded = false }) {
            if (noneLabel != null) {
                DropdownMenuItem(text = { Text(noneLabel) }, onClick = {
                    expanded = false
                    onSelect(null)
                })
            }
            for (device in offered) {
                DropdownMenuItem(text = { Text(device.name) }, onClick = {
                    expanded = false
                    onSelect(device)
                })
            }
        }
    }
}

/** The same device of the same backend: the lists a backend returns are fresh snapshots, so identity does not tell. */
private fun AudioDevice.isSameDevice(other: AudioDevice): Boolean = backend == other.backend && id == other.id && name == other.name
