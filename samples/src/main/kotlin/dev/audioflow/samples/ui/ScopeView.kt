package dev.audioflow.samples.ui

import java.awt.BasicStroke
import java.awt.Dimension
import java.awt.Font
import java.awt.Graphics
import java.awt.Graphics2D
import java.awt.geom.Path2D
import javax.swing.JComponent

/**
 * An oscilloscope: the latest [ScopeTrace] drawn as one line per channel over a grid, full scale
 * (±1) filling the height. Paints what [show] last gave it.
 *
 * Thread: Swing's event thread only.
 */
class ScopeView : JComponent() {
    private var trace: ScopeTrace? = null

    init {
        preferredSize = Dimension(520, 320)
        minimumSize = Dimension(240, 160)
        isOpaque = true
    }

    /** Shows [trace] (null: nothing yet, the grid alone). */
    fun show(trace: ScopeTrace?) {
        this.trace = trace
        repaint()
    }

    override fun paintComponent(graphics: Graphics) = paintPanel(this, graphics) { g ->
        paintGrid(g)
        val t = trace ?: return@paintPanel
        g.stroke = BasicStroke(1.6f)
        for (c in 0 until t.channels) {
            g.color = Palette.traces[c % Palette.traces.size]
            g.draw(pathOf(t, c))
        }
        paintCaption(g, t)
    }

    /** One point per pixel column (the sample nearest to it); enough for traces of a few thousand frames. */
    private fun pathOf(t: ScopeTrace, channel: Int): Path2D.Float {
        val path = Path2D.Float()
        val w = width.coerceAtLeast(2)
        val mid = height / 2f
        val scale = height / 2f * 0.92f
        for (x in 0 until w) {
            val frame = (x.toLong() * (t.frames - 1) / (w - 1)).toInt()
            val y = mid - t[frame, channel].coerceIn(-1f, 1f) * scale
            if (x == 0) path.moveTo(0f, y) else path.lineTo(x.toFloat(), y)
        }
        return path
    }

    private fun paintGrid(g: Graphics2D) {
        g.color = Palette.track
        g.stroke = BasicStroke(1f)
        for (i in 1 until GRID_COLUMNS) {
            val x = width * i / GRID_COLUMNS
            g.drawLine(x, 0, x, height)
        }
        for (i in 1 until GRID_ROWS) {
            val y = height * i / GRID_ROWS
            g.drawLine(0, y, width, y)
        }
        g.color = Palette.scale
        g.drawLine(0, height / 2, width, height / 2)
    }

    private fun paintCaption(g: Graphics2D, t: ScopeTrace) {
        g.font = g.font.deriveFont(Font.PLAIN, 11f)
        g.color = Palette.scale
        val span = String.format(java.util.Locale.ROOT, "%.1f ms", t.frames * 1000.0 / t.sampleRate)
        val text = span + if (t.triggered) "  · triggered" else "  · free-running"
        g.drawString(text, 8, height - 8)
    }

    private companion object {
        const val GRID_COLUMNS = 10
        const val GRID_ROWS = 8
    }
}
