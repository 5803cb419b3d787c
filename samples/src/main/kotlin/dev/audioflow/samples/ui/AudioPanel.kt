package dev.audioflow.samples.ui

import dev.audioflow.AudioDevice
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import java.awt.BorderLayout
import java.awt.Dimension
import java.awt.FlowLayout
import java.awt.Font
import java.awt.GridBagConstraints
import java.awt.GridBagLayout
import java.awt.Insets
import java.awt.Rectangle
import javax.swing.BorderFactory
import javax.swing.DefaultComboBoxModel
import javax.swing.JButton
import javax.swing.JComboBox
import javax.swing.JComponent
import javax.swing.JLabel
import javax.swing.JPanel
import javax.swing.SwingUtilities

/**
 * Everything the `ui` window shows, as one panel: device pickers, refresh and start/stop on top,
 * meters, oscilloscope and gain fader in the middle, the status strip at the bottom. It only
 * observes the [model]'s `StateFlow`s and sends it intents; it never touches audio.
 *
 * Build it on Swing's event thread; [bind] it in a scope on `Dispatchers.Swing`. It has no
 * window of its own, so it also works headless (for tests and off-screen rendering).
 */
class AudioPanel(private val model: LiveAudioModel) : JPanel(BorderLayout()) {
    /** What this panel has displayed. */
    val observations: UiObservations = UiObservations()

    /** The level meters. */
    val meterView: LevelMeterView = LevelMeterView()

    /** The oscilloscope. */
    val scopeView: ScopeView = ScopeView()

    private val statusStrip = StatusStrip()
    private val gainControl = GainControl(model::setGain)
    private val inputBox = JComboBox<DeviceItem>()
    private val outputBox = JComboBox<DeviceItem>()
    private val refreshButton = JButton("Rescan")
    private val startStop = JButton("Start")
    private var updatingChoices = false

    init {
        add(toolbar(), BorderLayout.NORTH)
        add(body(), BorderLayout.CENTER)
        add(statusStrip, BorderLayout.SOUTH)
        inputBox.addActionListener {
            if (!updatingChoices) (inputBox.selectedItem as? DeviceItem)?.device?.let(model::selectInput)
        }
        outputBox.addActionListener {
            if (!updatingChoices) (outputBox.selectedItem as? DeviceItem)?.let { model.selectOutput(it.device) }
        }
        refreshButton.addActionListener { model.refreshDevices() }
        startStop.addActionListener { model.toggle() }
    }

    /** Observes the model in [scope] (which must run on Swing's event thread) until it is cancelled. */
    fun bind(scope: CoroutineScope) {
        scope.launch { model.devices.collect { choices -> showChoices(choices.inputs, choices.outputs) } }
        scope.launch { model.input.collect { selectIn(inputBox, it) } }
        scope.launch { model.output.collect { selectIn(outputBox, it) } }
        scope.launch {
            model.meters.collect {
                meterView.show(it)
                observations.meterShown(it)
            }
        }
        scope.launch {
            model.scopeTrace.collect { trace ->
                scopeView.show(trace)
                observations.scopeShown(trace)
            }
        }
        // Only what is displayed: the frame count changes with every publication (100 times a
        // second per stream) and would redraw the strip for nothing.
        val shownStatus = model.status.map { it.copy(framesIn = 0) }.distinctUntilChanged()
        scope.launch {
            combine(model.run, shownStatus, model.notice) { run, status, notice -> Triple(run, status, notice) }.collect { (run, status, notice) ->
                statusStrip.show(run, status, notice)
                startStop.text = if (run.active) "Stop" else "Start"
                startStop.isEnabled = run != RunState.Stopping
            }
        }
        scope.launch { model.gain.collect { gainControl.show(it) } }
    }

    /** Where the meters are, in this panel's coordinates (for pixel checks on a screenshot). */
    fun meterBounds(): Rectangle = SwingUtilities.convertRectangle(meterView.parent, meterView.bounds, this)

    private fun toolbar(): JComponent = JPanel(FlowLayout(FlowLayout.LEFT, 10, 8)).apply {
        add(JLabel("Input"))
        inputBox.prototypeDisplayValue = DeviceItem(null, "A long input device name, too")
        add(inputBox)
        add(JLabel("Output"))
        outputBox.prototypeDisplayValue = DeviceItem(null, "A long output device name, too")
        add(outputBox)
        refreshButton.toolTipText = "Re-read the device list"
        add(refreshButton)
        startStop.font = startStop.font.deriveFont(Font.BOLD)
        startStop.preferredSize = Dimension(90, startStop.preferredSize.height)
        add(startStop)
    }

    private fun body(): JComponent = JPanel(GridBagLayout()).apply {
        border = BorderFactory.createEmptyBorder(0, 10, 10, 10)
        val c = GridBagConstraints().apply {
            fill = GridBagConstraints.BOTH
            weighty = 1.0
            insets = Insets(0, 0, 0, 10)
        }
        add(titled("Levels", meterView), c.apply { gridx = 0; weightx = 0.0 })
        add(titled("Oscilloscope", scopeView), c.apply { gridx = 1; weightx = 1.0 })
        add(gainControl, c.apply { gridx = 2; weightx = 0.0; insets = Insets(0, 0, 0, 0) })
    }

    private fun titled(title: String, content: JComponent): JComponent = JPanel(BorderLayout(0, 4)).apply {
        add(JLabel(title).apply { font = font.deriveFont(Font.BOLD) }, BorderLayout.NORTH)
        add(content, BorderLayout.CENTER)
    }

    private fun showChoices(inputs: List<AudioDevice>, outputs: List<AudioDevice>) {
        updatingChoices = true
        try {
            inputBox.model = DefaultComboBoxModel(inputs.map { DeviceItem(it, it.name) }.toTypedArray())
            val outputItems = listOf(DeviceItem(null, "None (meter only)")) + outputs.map { DeviceItem(it, it.name) }
            outputBox.model = DefaultComboBoxModel(outputItems.toTypedArray())
            selectIn(inputBox, model.input.value)
            selectIn(outputBox, model.output.value)
        } finally {
            updatingChoices = false
        }
    }

    private fun selectIn(box: JComboBox<DeviceItem>, device: AudioDevice?) {
        val was = updatingChoices
        updatingChoices = true
        try {
            for (i in 0 until box.itemCount) {
                val item = box.getItemAt(i)
                if (item.device.sameDevice(device)) {
                    box.selectedIndex = i
                    return
                }
            }
        } finally {
            updatingChoices = was
        }
    }

    /** A picker entry: a device, or null for "no output". */
    private class DeviceItem(val device: AudioDevice?, val label: String) {
        override fun toString(): String = label
    }
}
