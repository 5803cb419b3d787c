package dev.audioflow.samples.ui

import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.geometry.Rect
import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.graphics.toComposeImageBitmap
import androidx.compose.ui.unit.Density
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.swing.Swing
import java.awt.Rectangle
import java.awt.image.BufferedImage

/**
 * The window's [AudioScreen] composed off-screen (an `ImageComposeScene`) on Swing's event
 * thread, with a frame loop there that, as a window does, renders a frame (at most 60 a second)
 * whenever the content changed: a stall of the event thread stalls this view too. No display
 * needed.
 *
 * Thread: create and use on Swing's event thread.
 */
class OffscreenScreen(model: LiveAudioModel, width: Int = 980, height: Int = 560) : AutoCloseable {
    /** What the screen displayed. */
    val observations: UiObservations = UiObservations()
    private var meterBounds = Rect.Zero
    private val frames = CoroutineScope(SupervisorJob() + Dispatchers.Swing)
    private val scene = ImageComposeScene(width, height, Density(1f), coroutineContext = Dispatchers.Swing) {
        AudioScreen(model, observations, onMeterBounds = { meterBounds = it })
    }

    init {
        frames.launch {
            while (isActive) {
                if (scene.hasInvalidations()) scene.render(System.nanoTime()).close()
                delay(16)
            }
        }
    }

    /** A frame rendered now. */
    fun image(): BufferedImage = scene.render(System.nanoTime()).use { it.toComposeImageBitmap().toAwtImage() }

    /** Where the meters are in an [image]. */
    fun meterBounds(): Rectangle = meterBounds.let { Rectangle(it.left.toInt(), it.top.toInt(), it.width.toInt(), it.height.toInt()) }

    override fun close() {
        frames.cancel()
        scene.close()
    }
}
