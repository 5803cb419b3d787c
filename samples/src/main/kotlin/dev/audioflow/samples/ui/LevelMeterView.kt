package dev.audioflow.samples.ui

import java.awt.BasicStroke
import java.awt.Dimension
import java.awt.Font
import java.awt.Graphics
import java.awt.Graphics2D
import javax.swing.JComponent

/**
 * Vertical level meters, one per channel: RMS as a solid bar, the window's peak as a lighter bar
 * over it, the peak hold as a white mark, on a dBFS scale from [FLOOR_DB] to 0, with the peak
 * figure above each bar. Paints what [show] last gave it.
 *
 * Thread: Swing's event thread only.
 */
class LevelMeterView : JComponent() {
    private var state: MeterState? = null

    init {
        preferredSize = Dimension(150, 320)
        minimumSize = Dimension(110, 200)
        isOpaque = true
    }

    /** Shows [meter] (null: no reading yet, empty tracks). */
    fun show(meter: MeterState?) {
        state = meter
        repaint()
    }

    override fun paintComponent(graphics: Graphics) = paintPanel(this, graphics) { g ->
        val meter = state
        val channels = meter?.channels ?: 2
        val top = 28
        val bottom = height - 22
        val scaleWidth = 30
        val gap = 8
        val barWidth = ((width - scaleWidth - gap * (channels + 1)) / channels).coerceAtLeast(4)
        paintScale(g, scaleWidth, top, bottom)
        for (c in 0 until channels) {
            val x = scaleWidth + gap + c * (barWidth + gap)
            g.color = Palette.track
            g.fillRoundRect(x, top, barWidth, bottom - top, 4, 4)
            if (meter != null) paintChannel(g, meter, c, x, barWidth, top, bottom)
            g.color = Palette.scale
            g.font = g.font.deriveFont(Font.BOLD, 11f)
            val label = channelLabel(c, channels)
            g.drawString(label, x + (barWidth - g.fontMetrics.stringWidth(label)) / 2, height - 6)
        }
    }

    private fun paintChannel(g: Graphics2D, meter: MeterState, c: Int, x: Int, barWidth: Int, top: Int, bottom: Int) {
        val levels = meter.levels
        val rms = levels.rmsDbfs(c)
        val peak = levels.peakDbfs(c)
        val rmsY = yOf(rms, top, bottom)
        val peakY = yOf(peak, top, bottom)
        g.color = Palette.levelColor(peak).let { java.awt.Color(it.red, it.green, it.blue, 110) }
        g.fillRect(x, peakY, barWidth, bottom - peakY)
        paintGradientBar(g, x, barWidth, rmsY, top, bottom)
        val hold = meter.holdDbfs.getOrElse(c) { Float.NEGATIVE_INFINITY }
        if (hold > FLOOR_DB) {
            val holdY = yOf(hold, top, bottom)
            g.color = if (hold >= -0.1f) Palette.high else Palette.hold
            g.stroke = BasicStroke(2f)
            g.drawLine(x, holdY, x + barWidth - 1, holdY)
        }
        g.font = g.font.deriveFont(Font.PLAIN, 11f)
        g.color = Palette.levelColor(peak)
        val text = if (peak == Float.NEGATIVE_INFINITY) "-∞" else String.format(java.util.Locale.ROOT, "%.1f", peak)
        g.drawString(text, x + (barWidth - g.fontMetrics.stringWidth(text)) / 2, top - 8)
    }

    /** The RMS bar, coloured by zone: green up to -12 dB, yellow to -3 dB, red above. */
    private fun paintGradientBar(g: Graphics2D, x: Int, barWidth: Int, levelY: Int, top: Int, bottom: Int) {
        val midY = yOf(-12f, top, bottom)
        val highY = yOf(-3f, top, bottom)
        fun zone(from: Int, to: Int, color: java.awt.Color) {
            val start = maxOf(from, levelY)
            if (start < to) {
                g.color = color
                g.fillRect(x, start, barWidth, to - start)
            }
        }
        zone(midY, bottom, Palette.low)
        zone(highY, midY, Palette.mid)
        zone(top, highY, Palette.high)
    }

    private fun paintScale(g: Graphics2D, scaleWidth: Int, top: Int, bottom: Int) {
        g.font = g.font.deriveFont(Font.PLAIN, 10f)
        for (db in SCALE_MARKS) {
            val y = yOf(db.toFloat(), top, bottom)
            g.color = Palette.track
            g.drawLine(scaleWidth - 4, y, width - 4, y)
            g.color = Palette.scale
            val text = db.toString()
            g.drawString(text, scaleWidth - 6 - g.fontMetrics.stringWidth(text), y + 4)
        }
    }

    private fun yOf(dbfs: Float, top: Int, bottom: Int): Int {
        val clamped = if (dbfs.isNaN()) FLOOR_DB else dbfs.coerceIn(FLOOR_DB, 0f)
        return bottom - ((clamped - FLOOR_DB) / -FLOOR_DB * (bottom - top)).toInt()
    }

    private fun channelLabel(channel: Int, channels: Int): String = when {
        channels == 1 -> "M"
        channels == 2 -> if (channel == 0) "L" else "R"
        else -> (channel + 1).toString()
    }

    companion object {
        /** The lowest level the scale shows. */
        const val FLOOR_DB: Float = -60f

        private val SCALE_MARKS = intArrayOf(0, -6, -12, -24, -36, -48, -60)
    }
}
