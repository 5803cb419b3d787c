package dev.audioflow.samples.ui

import com.formdev.flatlaf.FlatDarkLaf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.swing.Swing
import java.awt.Dimension
import java.awt.Rectangle
import java.awt.event.WindowAdapter
import java.awt.event.WindowEvent
import java.awt.image.BufferedImage
import javax.swing.JFrame
import javax.swing.SwingUtilities
import javax.swing.WindowConstants
import kotlinx.coroutines.Dispatchers

/**
 * The `ui` command's window: an [AudioPanel] in a frame whose lifetime bounds the view's
 * coroutines. Closing it (by the user or [close]) cancels the view scope and completes
 * [awaitClosed]; the caller then closes the model, which closes every stream.
 *
 * Thread: create, [open], [close] and [snapshot] on Swing's event thread; [awaitClosed] from
 * any coroutine.
 *
 * @param beforeClose runs on the event thread when the window is about to close, however that
 *   was asked for, while it still shows its last state (for a final screenshot).
 */
class AudioWindow(model: LiveAudioModel, title: String, private val beforeClose: (AudioWindow) -> Unit = {}) {
    private val viewScope = CoroutineScope(SupervisorJob() + Dispatchers.Swing + CoroutineName("audioflow-ui-view"))
    private val closed = CompletableDeferred<Unit>()
    private val frame = JFrame(title)

    /** The window's content. */
    val panel: AudioPanel = AudioPanel(model)

    init {
        frame.defaultCloseOperation = WindowConstants.DO_NOTHING_ON_CLOSE
        frame.addWindowListener(object : WindowAdapter() {
            override fun windowClosing(e: WindowEvent) = close()
        })
        frame.contentPane = panel
        frame.minimumSize = Dimension(720, 420)
    }

    /** Binds the panel to the model and shows the window. */
    fun open() {
        check(SwingUtilities.isEventDispatchThread()) { "open the window on Swing's event thread" }
        panel.bind(viewScope)
        frame.pack()
        frame.setLocationRelativeTo(null)
        frame.isVisible = true
    }

    /** Stops observing and disposes of the window. Idempotent. */
    fun close() {
        if (closed.isCompleted) return
        try {
            beforeClose(this)
        } finally {
            shutDown()
        }
    }

    private fun shutDown() {
        viewScope.cancel()
        frame.dispose()
        closed.complete(Unit)
    }

    /** Suspends until the window has closed. */
    suspend fun awaitClosed() {
        closed.await()
    }

    /** The window's content as it looks now, painted into an image. */
    fun snapshot(): BufferedImage {
        val root = frame.rootPane
        val image = BufferedImage(root.width.coerceAtLeast(1), root.height.coerceAtLeast(1), BufferedImage.TYPE_INT_RGB)
        val g = image.createGraphics()
        try {
            root.paint(g)
        } finally {
            g.dispose()
        }
        return image
    }

    /** True once the view's coroutines have all finished. */
    val isViewStopped: Boolean get() = viewScope.coroutineContext[kotlinx.coroutines.Job]!!.isCompleted

    /** Where the meters are in a [snapshot]. */
    fun meterBoundsInSnapshot(): Rectangle = SwingUtilities.convertRectangle(panel, panel.meterBounds(), frame.rootPane)

    companion object {
        /** Installs the window's look (FlatLaf dark); call once before creating any window. */
        fun installLook() {
            FlatDarkLaf.setup()
        }
    }
}
