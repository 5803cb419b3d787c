package dev.audioflow.samples.ui

import java.awt.BorderLayout
import java.awt.Dimension
import java.util.Locale
import javax.swing.BorderFactory
import javax.swing.JLabel
import javax.swing.JPanel
import javax.swing.JSlider
import javax.swing.SwingConstants
import kotlin.math.log10
import kotlin.math.pow
import kotlin.math.roundToInt

/**
 * A vertical gain fader in tenths of a dB from [MIN_DB] to [MAX_DB], its bottom position
 * muting, with the value shown above it. Calls [onGain] with the linear gain when the user moves
 * it; [show] follows the model without calling back.
 *
 * Thread: Swing's event thread only.
 */
class GainControl(private val onGain: (Float) -> Unit) : JPanel(BorderLayout(0, 6)) {
    private val slider = JSlider(SwingConstants.VERTICAL, (MIN_DB * 10).toInt(), (MAX_DB * 10).toInt(), 0)
    private val readout = JLabel("0.0 dB", SwingConstants.CENTER)
    private var updating = false

    init {
        border = BorderFactory.createEmptyBorder(8, 8, 8, 8)
        preferredSize = Dimension(84, 320)
        slider.majorTickSpacing = 120
        slider.minorTickSpacing = 30
        slider.paintTicks = true
        slider.toolTipText = "Gain (bottom: mute)"
        slider.addChangeListener {
            if (!updating) onGain(linearOf(slider.value))
            readout.text = textOf(slider.value)
        }
        add(JLabel("Gain", SwingConstants.CENTER), BorderLayout.NORTH)
        add(slider, BorderLayout.CENTER)
        add(readout, BorderLayout.SOUTH)
    }

    /** Moves the fader to [linear] without reporting it back. */
    fun show(linear: Float) {
        val position = positionOf(linear)
        if (position == slider.value) return
        updating = true
        try {
            slider.value = position
        } finally {
            updating = false
        }
    }

    companion object {
        /** The fader's lowest audible position; below it the gain is 0. */
        const val MIN_DB: Float = -48f

        /** The fader's top. */
        const val MAX_DB: Float = 12f

        /** Linear gain of a fader position in tenths of a dB; the bottom position mutes. */
        fun linearOf(tenthsDb: Int): Float = if (tenthsDb <= MIN_DB * 10) 0f else 10f.pow(tenthsDb / 200f)

        /** Fader position of a linear gain. */
        fun positionOf(linear: Float): Int =
            if (linear <= 0f) (MIN_DB * 10).toInt() else (200 * log10(linear)).roundToInt().coerceIn((MIN_DB * 10).toInt(), (MAX_DB * 10).toInt())

        private fun textOf(tenthsDb: Int): String =
            if (tenthsDb <= MIN_DB * 10) "mute" else String.format(Locale.ROOT, "%+.1f dB", tenthsDb / 10f)
    }
}
