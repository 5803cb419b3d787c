package dev.audioflow.samples

import com.github.ajalt.clikt.core.Context
import com.github.ajalt.clikt.core.context
import com.github.ajalt.clikt.parameters.arguments.argument
import com.github.ajalt.clikt.parameters.arguments.multiple
import com.github.ajalt.clikt.parameters.options.option
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.jack.clientNames
import dev.audioflow.jack.internalClient
import dev.audioflow.jack.loadInternalClient
import dev.audioflow.jack.unloadInternalClient

/**
 * `audioflow jack load NAME [ARGS...]`: loads an internal client into the server, e.g.
 * `audioflow jack load netmanager -a 239.0.0.1 -p 19000` on a netjack2 master. Everything after
 * NAME is the client's init string, options included.
 */
class JackLoadCommand : JackSubcommand("load") {
    init {
        context { allowInterspersedArgs = false }
    }

    private val name by argument("NAME", help = "The internal client to load (netmanager, netadapter, audioadapter, inprocess...)")
    private val arguments by argument("ARGS", help = "Its init string, as many words as needed (netmanager: -a GROUP -p PORT)").multiple()
    private val alias by option("--as", metavar = "CLIENT", help = "Run it under this client name (default: NAME)")

    override fun help(context: Context): String =
        "Load an internal client into the JACK server (netjack2's netmanager or netadapter, for example)."

    override fun run() = withClient { client ->
        val loaded = client.loadInternalClient(alias ?: name, name, arguments.joinToString(" "))
        console.println("loaded ${loaded.name} ($name)" + if (arguments.isEmpty()) "" else " with '${arguments.joinToString(" ")}'")
    }
}

/** `audioflow jack unload NAME`: unloads an internal client. */
class JackUnloadCommand : JackSubcommand("unload") {
    private val name by argument("NAME", help = "The internal client's name on the server")

    override fun help(context: Context): String = "Unload an internal client from the JACK server."

    override fun run() = withClient { client ->
        val loaded = client.internalClient(name)
            ?: throw AudioException(AudioErrorKind.DeviceNotFound, "the server runs no internal client called '$name'")
        client.unloadInternalClient(loaded)
        console.println("unloaded $name")
    }
}

/** `audioflow jack clients`: the server's clients, internal ones marked. */
class JackClientsCommand : JackSubcommand("clients") {
    private val internal by argument("INTERNAL", help = "Internal clients to look for as well (they may own no ports)").multiple()

    override fun help(context: Context): String =
        "List the clients that own ports on the JACK server, marking internal ones; name internal clients without ports to look them up too."

    override fun run() = withClient { client ->
        val names = (client.clientNames() + internal).distinct().filter { it != client.name }
        for (name in names) {
            val found = client.internalClient(name)
            when {
                found != null -> console.println("$name  [internal]")
                name in internal -> console.println("$name  [not running]")
                else -> console.println(name)
            }
        }
    }
}
