package dev.audioflow.java

import dev.audioflow.StreamInfo
import dev.audioflow.StreamMonitor
import dev.audioflow.StreamStats

/**
 * Live statistics and information of a stream, for Java: listeners and publishers over a
 * Kotlin [StreamMonitor].
 *
 * Pass one to a terminal ([Signal.play], [Duplex.run]...) or get the one of an [AudioStream]
 * from [AudioStream.watch]. A watch may serve several runs one after another; its listeners
 * stay registered across them. Stats are published at most every 10 ms while a stream runs
 * and on every state change, never from a realtime thread.
 *
 * ```java
 * StreamWatch watch = new StreamWatch();
 * watch.stats().listen(Runnable::run, s -> System.out.println(s.getOutputUnderflows()));
 * signal.play(speaker, null, watch);
 * ```
 */
public class StreamWatch {
    /** The Kotlin monitor this watch reads, for code that uses both APIs. */
    public val monitor: StreamMonitor = StreamMonitor()

    /** Frames, overflows, underflows, xruns and state of the stream, as a feed of states. */
    public fun stats(): Feed<StreamStats> = stateFeed(monitor.stats)

    /** The stream's actual format, block size and latencies once it is open, as a feed of states. */
    public fun info(): Feed<StreamInfo> = stateFeed(monitor.info)

    override fun toString(): String = "StreamWatch(${monitor.stats.value})"
}
