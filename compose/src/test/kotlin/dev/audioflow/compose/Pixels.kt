package dev.audioflow.compose

import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.graphics.toPixelMap
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.SemanticsNodeInteraction
import kotlin.math.abs

/** Pixels of this image, in columns [fromX] until [toX], within 30 (summed over R, G and B) of one of [colors]. */
fun ImageBitmap.countNear(colors: List<Color>, fromX: Int = 0, toX: Int = width): Int {
    val pixels = toPixelMap()
    var count = 0
    for (y in 0 until height) {
        for (x in fromX until minOf(toX, width)) {
            val p = pixels[x, y]
            if (colors.any { c -> abs(c.red - p.red) + abs(c.green - p.green) + abs(c.blue - p.blue) < 30f / 255f }) count++
        }
    }
    return count
}

/** The node's state description (what screen readers announce as its value). */
fun SemanticsNodeInteraction.stateDescription(): String = fetchSemanticsNode().config[SemanticsProperties.StateDescription]
