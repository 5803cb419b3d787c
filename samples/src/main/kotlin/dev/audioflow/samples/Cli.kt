package dev.audioflow.samples

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.CliktError
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.MultiUsageError
import com.github.ajalt.clikt.core.PrintHelpMessage
import com.github.ajalt.clikt.core.UsageError
import com.github.ajalt.clikt.core.context
import com.github.ajalt.clikt.core.parse
import com.github.ajalt.clikt.core.subcommands
import com.github.ajalt.clikt.parameters.groups.provideDelegate
import dev.audioflow.AudioException
import java.io.IOException

/** The `audioflow` command-line program: parsing, dispatch and exit codes. */
object Cli {
    /** Exit code of a successful run. */
    const val OK = 0

    /** Exit code of a runtime failure (device, file, backend). */
    const val FAILURE = 1

    /** Exit code of a usage error (unknown option, bad value, missing argument). */
    const val USAGE = 2

    /** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
    const val INTERRUPTED = 130

    /**
     * Runs the program with [args] on [console] and returns its exit code: [OK], [USAGE] with
     * Clikt's message for a usage error, or [FAILURE] with a one-line message for a runtime
     * error (with the stack trace when `--debug` was given).
     */
    fun run(args: Array<String>, console: Console): Int {
        val root = Audioflow(console)
        return try {
            root.parse(args)
            OK
        } catch (e: PrintHelpMessage) {
            root.echoFormattedHelp(e)
            if (e.error) USAGE else OK
        } catch (e: UsageError) {
            usageError(root, e)
        } catch (e: MultiUsageError) {
            usageError(root, e)
        } catch (e: CliktError) {
            root.echoFormattedHelp(e)
            e.statusCode
        } catch (_: InterruptedBySignal) {
            INTERRUPTED
        } catch (e: Exception) {
            console.note("audioflow: error: ${describe(e)}")
            if (root.debug) e.printStackTrace(console.err)
            FAILURE
        }
    }

    /**
     * Prints Clikt's error lines (each names the bad option or value) without the usage block
     * around them, one line per error, with a pointer to `--help`.
     */
    private fun usageError(root: Audioflow, e: CliktError): Int {
        val errors = root.getFormattedHelp(e).orEmpty().lines().filter { it.startsWith("Error: ") }
        val usage = (e as? UsageError) ?: (e as? MultiUsageError)?.errors?.firstOrNull()
        val command = usage?.context?.commandNameWithParents()?.joinToString(" ") ?: "audioflow"
        for (line in errors.ifEmpty { listOf("Error: ${e.message}") }) {
            root.console.note("audioflow: ${line.removePrefix("Error: ")} (see '$command --help')")
        }
        return USAGE
    }

    private fun describe(e: Throwable): String = when (e) {
        is AudioException -> (e.cause as? IOException)?.let { io -> e.message.replace(io.toString(), FileErrors.reason(io)) } ?: e.message
        is CommandFailure -> e.message
        is IOException -> FileErrors.describe(e)
        else -> e.message ?: e.javaClass.simpleName
    }
}

/** A runtime failure that is not about audio (no display, say), reported as its one-line message. */
class CommandFailure(override val message: String) : RuntimeException(message)

/** The root command: global audio options and the subcommands. */
class Audioflow(val console: Console) : CliktCommand(name = "audioflow") {
    /** The options given before the command name. */
    val options by AudioOptions()

    /** Set by any command that saw `--debug`. */
    var debugRequested: Boolean = false

    /** True when `--debug` was given before or after the command name. */
    val debug: Boolean get() = debugRequested || runCatching { options.debug }.getOrDefault(false)

    init {
        context {
            echoMessage = { _: Context, message: Any?, newline: Boolean, err: Boolean ->
                val stream = if (err) console.err else console.out
                stream.print(message?.toString().orEmpty())
                if (newline) stream.println()
                stream.flush()
            }
        }
        subcommands(
            DemoCommand(), DevicesCommand(), ToneCommand(), PlayCommand(), RecordCommand(),
            WireCommand(), MeterCommand(), UiCommand(), JackCommand(), RenderCommand(), ConvertCommand(), ExampleCommand(),
        )
    }

    override fun help(context: Context): String =
        "Real-time audio from the command line: devices, tones, playback, recording, duplex, meters, JACK patching and audio file conversion."

    override fun run() = Unit
}

/**
 * Base of the commands that use audio: their own [AudioOptions], merged with the root's into
 * [audio], and access to the [console].
 */
abstract class AudioCommand(name: String) : CliktCommand(name) {
    private val localOptions by AudioOptions()

    /** The root command. */
    protected val root: Audioflow get() = currentContext.findRoot().command as Audioflow

    /** Effective audio settings. */
    protected val audio: AudioSettings by lazy { AudioSettings(localOptions, root.options) }

    /** Where to print. */
    protected val console: Console get() = root.console

    final override fun run() {
        if (localOptions.debug) root.debugRequested = true
        execute()
    }

    /** Does the command's work; may throw [AudioException] for a one-line runtime error. */
    protected abstract fun execute()
}
