package dev.audioflow.samples

import kotlin.system.exitProcess

fun main(args: Array<String>) {
    exitProcess(Cli.run(args, Console.system()))
}
