package dev.audioflow.samples

import kotlin.system.exitProcess

fun main(args: Array<String>) {
    val code = Cli.run(args, Console.system())
    haltIfStuck(code)
    exitProcess(code)
}

/**
 * Makes sure the process ends with [code] within [EXIT_GRACE_MILLIS]: a native library's exit
 * hook can block for good (PortAudio's terminates its JACK client, which waits for a frozen JACK
 * server forever), and the command's result must not depend on that.
 */
private fun haltIfStuck(code: Int) {
    val watchdog = Thread({
        Thread.sleep(EXIT_GRACE_MILLIS)
        System.err.println("audioflow: a native library did not let the process exit within ${EXIT_GRACE_MILLIS / 1000} s; halting")
        Runtime.getRuntime().halt(code)
    }, "audioflow-exit-watchdog")
    watchdog.isDaemon = true
    watchdog.start()
}

private const val EXIT_GRACE_MILLIS = 3_000L
