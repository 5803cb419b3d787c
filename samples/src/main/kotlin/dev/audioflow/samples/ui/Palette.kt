package dev.audioflow.samples.ui

import java.awt.Color
import java.awt.Graphics
import java.awt.Graphics2D
import java.awt.RenderingHints
import javax.swing.JComponent

/** The colours of the `ui` window, on FlatLaf's dark theme. */
object Palette {
    /** Background of the meter and scope panels. */
    val panel: Color = Color(0x1B1D21)

    /** Unlit meter track and scope grid. */
    val track: Color = Color(0x2A2D33)

    /** Scale ticks and labels. */
    val scale: Color = Color(0x8A8F98)

    /** Meter below -12 dBFS. */
    val low: Color = Color(0x3DDC84)

    /** Meter from -12 to -3 dBFS. */
    val mid: Color = Color(0xF4D03F)

    /** Meter above -3 dBFS. */
    val high: Color = Color(0xFF5252)

    /** Peak-hold marks. */
    val hold: Color = Color(0xF5F5F5)

    /** Scope traces, one colour per channel (repeating). */
    val traces: List<Color> = listOf(Color(0x4FC3F7), Color(0xFFB74D), Color(0xBA68C8), Color(0x81C784))

    /** Running indicator. */
    val running: Color = Color(0x3DDC84)

    /** Stopped indicator. */
    val stopped: Color = Color(0x8A8F98)

    /** Failure indicator and text. */
    val failed: Color = Color(0xFF6E6E)

    /** Meter colour for a level in dBFS. */
    fun levelColor(dbfs: Float): Color = when {
        dbfs >= -3f -> high
        dbfs >= -12f -> mid
        else -> low
    }
}

/**
 * Paints [component] with [body] on an antialiased copy of [graphics] whose whole area was first
 * filled with the panel background; disposes of the copy afterwards.
 */
internal inline fun paintPanel(component: JComponent, graphics: Graphics, body: (Graphics2D) -> Unit) {
    val g = graphics.create() as Graphics2D
    try {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON)
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON)
        g.color = Palette.panel
        g.fillRect(0, 0, component.width, component.height)
        body(g)
    } finally {
        g.dispose()
    }
}
