package dev.audioflow.samples

import java.io.IOException
import java.nio.file.AccessDeniedException
import java.nio.file.DirectoryNotEmptyException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystemException
import java.nio.file.NoSuchFileException
import java.nio.file.NotDirectoryException

/** File errors in words a user of the command line reads, without Java class names. */
object FileErrors {
    /** `/a/b.wav: no such file or directory`: the file named in [e] (if any) and [reason]. */
    fun describe(e: IOException): String {
        val file = (e as? FileSystemException)?.file
        return if (file != null) "$file: ${reason(e)}" else reason(e)
    }

    /** Why [e] happened: `no such file or directory`, `permission denied`, `No space left on device`... */
    fun reason(e: IOException): String = when (e) {
        is NoSuchFileException -> "no such file or directory"
        is AccessDeniedException -> "permission denied"
        is NotDirectoryException -> "not a directory"
        is FileAlreadyExistsException -> "already exists"
        is DirectoryNotEmptyException -> "directory not empty"
        is FileSystemException -> e.reason ?: "file system error"
        else -> e.message ?: "I/O error"
    }
}
