package dev.audioflow

/**
 * Marks API that is easy to misuse: raw realtime endpoints, recycled buffers, the backend SPI.
 *
 * Code that opts in promises to follow the documented threading and ownership contract of the
 * annotated declaration; breaking it can corrupt audio or crash a native callback.
 */
@RequiresOptIn(
    message = "Delicate audioflow API: read its threading and ownership contract before use.",
    level = RequiresOptIn.Level.ERROR,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.CONSTRUCTOR)
public annotation class DelicateAudioApi

/**
 * Marks API whose shape may still change in a minor release.
 */
@RequiresOptIn(
    message = "Experimental audioflow API: its shape may change.",
    level = RequiresOptIn.Level.WARNING,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY)
public annotation class ExperimentalAudioApi
