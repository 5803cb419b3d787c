package dev.audioflow.build.nulls

/** A fixture for NullArgumentsRewriteSpec: parameters Kotlin checks for null, and some it does not. */
class Greeter(private val greeting: String) {
    fun greet(name: String, title: String?): String = "$greeting, ${title.orEmpty()}$name"

    fun greetAll(names: List<String>): List<String> = names.map { greetPrivately(it) }

    private fun greetPrivately(name: String): String = greet(name, null)

    companion object {
        fun of(greeting: String): Greeter = Greeter(greeting)
    }
}
