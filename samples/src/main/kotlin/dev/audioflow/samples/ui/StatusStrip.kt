package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import java.awt.Color
import java.awt.FlowLayout
import java.awt.Font
import java.util.Locale
import javax.swing.BorderFactory
import javax.swing.JLabel
import javax.swing.JPanel
import kotlin.time.DurationUnit

/**
 * The line at the bottom of the window: run state, rate and block, latency, xruns, overflows,
 * underflows and CPU load, then the latest notice. Counters that are not zero turn red.
 *
 * Thread: Swing's event thread only.
 */
class StatusStrip : JPanel(FlowLayout(FlowLayout.LEFT, 14, 4)) {
    private val state = label("● Stopped")
    private val format = label("")
    private val latency = label("")
    private val xruns = label("")
    private val overflows = label("")
    private val underflows = label("")
    private val cpu = label("")
    private val notice = label("")

    init {
        border = BorderFactory.createMatteBorder(1, 0, 0, 0, Palette.track)
        notice.foreground = Palette.failed
        show(RunState.Stopped, StreamStatus.IDLE, null)
    }

    /** Shows [run], [status] and [message] (null: no notice). */
    fun show(run: RunState, status: StreamStatus, message: String?) {
        state.text = "● " + when (run) {
            RunState.Stopped -> "Stopped"
            RunState.Starting -> "Starting"
            RunState.Running -> "Running"
            RunState.Stopping -> "Stopping"
            is RunState.Failed -> "Failed"
        }
        state.foreground = when (run) {
            RunState.Running -> Palette.running
            is RunState.Failed -> Palette.failed
            else -> Palette.stopped
        }
        val idle = status.sampleRate == 0
        format.text = if (idle) "" else "${status.sampleRate / 1000.0} kHz · " + (status.blockSize?.let { if (it is BlockSize.Fixed) "${it.frames} frames" else "variable blocks" } ?: "")
        latency.text = if (idle) "" else String.format(Locale.ROOT, "latency %.1f ms", status.latency.toDouble(DurationUnit.MILLISECONDS))
        counter(xruns, "xruns", status.xruns, idle)
        counter(overflows, "overflows", status.overflows, idle)
        counter(underflows, "underflows", status.underflows, idle)
        cpu.text = if (idle || status.cpuLoad.isNaN()) "" else String.format(Locale.ROOT, "CPU %.1f %%", status.cpuLoad * 100)
        toolTipText = status.description.ifEmpty { null }
        notice.text = message.orEmpty()
    }

    private fun counter(label: JLabel, name: String, value: Long, idle: Boolean) {
        label.text = if (idle) "" else "$name $value"
        label.foreground = if (value > 0) Palette.failed else foregroundColor
    }

    private fun label(text: String): JLabel = JLabel(text).also {
        it.font = it.font.deriveFont(Font.PLAIN, 12f)
        add(it)
    }

    private val foregroundColor: Color get() = javax.swing.UIManager.getColor("Label.foreground") ?: Color.LIGHT_GRAY
}
