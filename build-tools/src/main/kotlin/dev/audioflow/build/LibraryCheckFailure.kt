package dev.audioflow.build

/**
 * A library module breaks a build rule; [message] says which and how to fix it. It carries no
 * stack trace, which would only bury the message in the build's output.
 */
class LibraryCheckFailure(message: String) : Exception(message, null, false, false)
