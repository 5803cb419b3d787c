package dev.audioflow.samples

import com.github.ajalt.clikt.core.CliktCommand
import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.subcommands
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.arguments.optional
import com.github.ajalt.clikt.parameters.options.flag
import com.github.ajalt.clikt.parameters.options.option
import com.github.ajalt.clikt.parameters.types.double
import com.github.ajalt.clikt.parameters.types.int
import com.github.ajalt.clikt.parameters.types.restrictTo
import dev.audioflow.jack.JackClient
import dev.audioflow.jack.JackEvent
import dev.audioflow.jack.PortFlag
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.time.LocalTime
import java.time.format.DateTimeFormatter

/** `audioflow jack ...`: a small patchbay over the JACK backend. */
class JackCommand : CliktCommand("jack") {
    init {
        subcommands(
            JackPortsCommand(), JackConnectCommand(connect = true), JackConnectCommand(connect = false), JackWatchCommand(),
            JackClientsCommand(), JackLoadCommand(), JackUnloadCommand(),
        )
    }

    override fun help(context: Context): String =
        "A small JACK patchbay: list ports and clients, connect and disconnect them (any client's), watch graph events, load and unload internal clients (netjack2)."

    override fun run() = Unit
}

/** Base of the `jack` subcommands: the `--server` option and a client for the command's duration. */
abstract class JackSubcommand(name: String) : CliktCommand(name) {
    private val server by option("--server", metavar = "NAME", help = "JACK server name (default: \$JACK_DEFAULT_SERVER or 'default')")

    /** Where to print. */
    protected val console: Console get() = (currentContext.findRoot().command as Audioflow).console

    /** Runs [block] with a client called `audioflow-cli` on the chosen server, closed afterwards. */
    protected fun <T> withClient(block: (JackClient) -> T): T =
        JackClient.open("audioflow-cli", server, noStartServer = true).use(block)
}

/** `audioflow jack ports`: ports with type, direction and connections, like `jack_lsp -c -t -p`. */
class JackPortsCommand : JackSubcommand("ports") {
    private val pattern by argument("PATTERN", help = "Regular expression the port names must match").optional()
    private val connections by option("--connections", "-c", help = "Also list each port's connections").flag()

    override fun help(context: Context): String = "List the server's ports with their type and flags (and connections with -c)."

    override fun run() = withClient { client ->
        val names = client.ports(pattern)
        for (name in names) {
            val port = client.port(name)
            val flags = port.flags.filter { it != PortFlag.CanMonitor }.joinToString(",") { it.name.lowercase() }
            console.println("$name  [${port.type}] $flags")
            if (connections) for (peer in port.connections()) console.println("   ${if (port.isOutput) "->" else "<-"} $peer")
        }
        if (names.isEmpty()) console.note("no JACK ports" + (pattern?.let { " match '$it'" } ?: ""))
    }
}

/** `audioflow jack connect A B` and `audioflow jack disconnect A B`. */
class JackConnectCommand(private val connect: Boolean) : JackSubcommand(if (connect) "connect" else "disconnect") {
    private val source by argument("A", help = "A port (client:port)")
    private val destination by argument("B", help = "The other port (client:port); the order of A and B does not matter")

    override fun help(context: Context): String =
        if (connect) "Connect two ports of any clients." else "Disconnect two ports of any clients."

    override fun run() = withClient { client ->
        // Both ports must exist (port() names a missing one) before the client goes active.
        client.port(source)
        client.port(destination)
        client.activate()
        if (connect) client.connect(source, destination) else client.disconnect(source, destination)
        console.println("${if (connect) "connected" else "disconnected"} $source ${if (connect) "->" else "-/-"} $destination")
    }
}

/** `audioflow jack watch`: prints graph events as they happen. */
class JackWatchCommand : JackSubcommand("watch") {
    private val seconds by option("--seconds", "-s", metavar = "S", help = "Stop after S seconds (default: until Ctrl-C)").double().restrictTo(0.001..1e9)
    private val count by option("--count", "-n", metavar = "N", help = "Stop after N events").int().restrictTo(1..Int.MAX_VALUE)
    private val all by option("--all", "-a", help = "Also print latency recomputations and graph reorders, which follow every change").flag()

    override fun help(context: Context): String =
        "Print JACK graph events (ports, connections, clients, xruns, buffer size, shutdown) as they happen."

    override fun run() = withClient { client ->
        client.activate()
        console.note("Watching JACK server '${client.serverName ?: System.getenv("JACK_DEFAULT_SERVER") ?: "default"}' as '${client.name}'" + if (seconds == null && count == null) "; Ctrl-C stops" else "")
        var seen = 0
        runInterruptible {
            val watch = launch {
                client.events.filter { all || (it !is JackEvent.LatencyChanged && it !is JackEvent.GraphReordered) }.takeWhile { event ->
                    console.println("${LocalTime.now().format(TIME)} ${describe(event)}")
                    seen++
                    event !is JackEvent.ServerShutdown && (count == null || seen < count!!)
                }.collect {}
            }
            val limit = seconds
            if (limit == null) watch.join() else withTimeoutOrNull((limit * 1000).toLong()) { watch.join() }
            watch.cancel()
        }
    }

    private fun describe(event: JackEvent): String = when (event) {
        is JackEvent.PortRegistered -> "port registered    ${event.port}"
        is JackEvent.PortUnregistered -> "port unregistered  ${event.port}"
        is JackEvent.PortConnected -> "connected          ${event.source} -> ${event.destination}"
        is JackEvent.PortDisconnected -> "disconnected       ${event.source} -/- ${event.destination}"
        is JackEvent.PortRenamed -> "port renamed       ${event.oldName} => ${event.newName}"
        is JackEvent.ClientRegistered -> "client registered  ${event.client}"
        is JackEvent.ClientUnregistered -> "client left        ${event.client}"
        is JackEvent.GraphReordered -> "graph reordered"
        is JackEvent.BufferSizeChanged -> "buffer size        ${event.frames} frames"
        is JackEvent.SampleRateChanged -> "sample rate        ${event.sampleRate} Hz"
        is JackEvent.Xrun -> "xrun               ${event.delay} late"
        is JackEvent.FreewheelChanged -> "freewheel          ${if (event.on) "on" else "off"}"
        is JackEvent.LatencyChanged -> "latency changed    ${event.mode.name.lowercase()}"
        is JackEvent.ServerShutdown -> "server shut down   ${event.reason}"
    }

    private companion object {
        val TIME: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
    }
}
