package dev.audioflow.samples.ui

import androidx.compose.ui.awt.ComposeWindow
import androidx.compose.ui.geometry.Rect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.withFrameNanos
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.selects.select
import java.awt.Dimension
import java.awt.Rectangle
import java.awt.Robot
import java.awt.event.WindowAdapter
import java.awt.event.WindowEvent
import java.awt.image.BufferedImage
import javax.swing.SwingUtilities
import javax.swing.WindowConstants

/**
 * The `ui` command's window: a Compose for Desktop window showing an [AudioScreen], whose
 * composition bounds the view's collectors. Closing it (by the user or [close]) disposes of the
 * composition and completes [awaitClosed]; the caller then closes the model, which closes every
 * stream.
 *
 * Thread: create, [open], [close] and [snapshot] on Swing's event thread (Compose for Desktop's
 * UI thread); [awaitShown] and [awaitClosed] from any coroutine.
 *
 * @param beforeClose runs on the event thread when the window is about to close, however that
 *   was asked for, while it still shows its last state (for a final screenshot).
 */
class AudioWindow(model: LiveAudioModel, title: String, private val beforeClose: (AudioWindow) -> Unit = {}) {
    private val closed = CompletableDeferred<Unit>()
    private val shown = CompletableDeferred<Unit>()
    private val window = ComposeWindow()

    @Volatile private var meterBounds: Rect = Rect.Zero

    @Volatile private var viewDisposed = false

    /** What the window has displayed. */
    val observations: UiObservations = UiObservations()

    init {
        window.title = title
        window.defaultCloseOperation = WindowConstants.DO_NOTHING_ON_CLOSE
        window.addWindowListener(object : WindowAdapter() {
            override fun windowClosing(e: WindowEvent) = close()
        })
        window.minimumSize = Dimension(720, 420)
        window.size = Dimension(980, 560)
        window.setContent {
            AudioScreen(model, observations, onMeterBounds = { meterBounds = it }, onDisposed = { viewDisposed = true })
            LaunchedEffect(Unit) {
                withFrameNanos { }
                shown.complete(Unit)
            }
        }
    }

    /** Shows the window, centred. */
    fun open() {
        check(SwingUtilities.isEventDispatchThread()) { "open the window on Swing's event thread" }
        window.setLocationRelativeTo(null)
        window.isVisible = true
    }

    /** Disposes of the window and its composition. Idempotent. */
    fun close() {
        if (closed.isCompleted) return
        try {
            beforeClose(this)
        } finally {
            window.dispose()
            closed.complete(Unit)
        }
    }

    /**
     * Suspends until the window has drawn its first frame (Compose's start-up, class loading and
     * fonts, can take seconds on a busy machine) or has closed.
     */
    suspend fun awaitShown() {
        select {
            shown.onAwait { }
            closed.onAwait { }
        }
    }

    /** Suspends until the window has closed. */
    suspend fun awaitClosed() {
        closed.await()
    }

    /** The window's content as the screen shows it now (Compose draws through Skia, so it is read back from the screen). */
    fun snapshot(): BufferedImage {
        val content = window.contentPane
        val origin = content.locationOnScreen
        return Robot().createScreenCapture(Rectangle(origin.x, origin.y, content.width.coerceAtLeast(1), content.height.coerceAtLeast(1)))
    }

    /** True once the window's composition, and with it every collector of the view, is gone. */
    val isViewStopped: Boolean get() = viewDisposed

    /** Where the meters are in a [snapshot], in its pixels. */
    fun meterBoundsInSnapshot(): Rectangle =
        meterBounds.let { Rectangle(it.left.toInt(), it.top.toInt(), it.width.toInt(), it.height.toInt()) }
}
