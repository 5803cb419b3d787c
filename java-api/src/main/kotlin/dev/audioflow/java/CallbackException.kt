package dev.audioflow.java

/**
 * The unchecked form in which a blocking call rethrows a checked exception that a Java
 * callback ([BlockFunction], [BlockAction], [FrameSource], [DuplexProcessor]) threw; [cause] is
 * that exception. Unchecked exceptions and [dev.audioflow.AudioException]s are rethrown as they
 * are, and `*Async` futures fail with the callback's exception itself.
 *
 * ```java
 * try {
 *     signal.map(block -> { throw new IOException("disk full"); }).play(device);
 * } catch (CallbackException e) {
 *     IOException io = (IOException) e.getCause();
 * }
 * ```
 */
public class CallbackException(cause: Exception) : RuntimeException("a Java callback failed: $cause", cause)
