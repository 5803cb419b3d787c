package dev.audioflow.spi.jna

import com.sun.jna.Library
import com.sun.jna.Memory
import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import com.sun.jna.Pointer
import com.sun.jna.ptr.IntByReference
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.util.concurrent.CopyOnWriteArrayList
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger

/** `jack_client_open` is variadic, so it is bound through an interface mapping. */
interface TestJack : Library {
    fun jack_client_open(name: String, options: Int, status: IntByReference, vararg args: Any?): Pointer?
}

/** What a JUL logger receives, at every level, until closed. */
private class Captured(name: String) : Handler(), AutoCloseable {
    val messages = CopyOnWriteArrayList<String>()
    private val logger = Logger.getLogger(name).also {
        it.level = Level.ALL
        it.addHandler(this)
    }

    override fun publish(record: LogRecord) {
        messages += record.message
    }

    override fun flush() = Unit

    override fun close() {
        logger.removeHandler(this)
    }
}

class NativeLogRouterSpec : FunSpec({
    test("what libjack prints about a server it cannot reach goes to the JACK logger at debug level") {
        NativeLogRouter.install()
        NativeLogRouter.install()
        Captured(NativeLogRouter.JACK_LOGGER).use { jack ->
            val libjack = Native.load(NativeLibrary.getInstance("jack").file.path, TestJack::class.java)
            val status = IntByReference()
            // JackNoStartServer | JackServerName: a server that cannot exist.
            libjack.jack_client_open("router-probe", 0x01 or 0x04, status, "audioflow-no-server-${ProcessHandle.current().pid()}") shouldBe null
            jack.messages.shouldNotBeEmpty()
            jack.messages.first() shouldContain "JACK: "
        }
    }

    test("what ALSA prints about an unknown PCM goes to the ALSA logger at debug level") {
        NativeLogRouter.install()
        Captured(NativeLogRouter.ALSA_LOGGER).use { alsa ->
            val open = NativeLibrary.getInstance("asound").getFunction("snd_pcm_open")
            val handle = Memory(Native.POINTER_SIZE.toLong())
            val rc = open.invokeInt(arrayOf(handle, "audioflow_no_such_pcm", 0, 0))
            rc shouldBeLessThan 0
            alsa.messages.shouldNotBeEmpty()
            alsa.messages.joinToString() shouldContain "ALSA "
        }
    }
})
