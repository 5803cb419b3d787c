/*
 * Scenario: full duplex from plain Java in one stream: the default input device goes through a
 * per-block Java processor (half gain) to the default output device for two seconds, and every
 * block whose status is not clear (an overflow, an underflow, a resync) is reported.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.DuplexStatus [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioBackend;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.StreamConfig;
import dev.audioflow.java.Duplex;
import dev.audioflow.java.StreamWatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

public final class DuplexStatus {
    private DuplexStatus() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, "");
        AudioBackend backend = options.backend;
        StreamConfig config = new StreamConfig(new AudioFormat(48_000, 2), new BlockSize.Fixed(256));
        StreamWatch watch = new StreamWatch();
        AtomicLong blocks = new AtomicLong();
        AtomicLong glitches = new AtomicLong();
        CompletableFuture<Void> running = Duplex.on(backend.defaultInputDevice(), config)
            .to(backend.defaultOutputDevice())
            .watch(watch)
            .runAsync((in, out) -> {
                blocks.incrementAndGet();
                if (!in.getStatus().isClear()) {
                    glitches.incrementAndGet();
                    System.out.println("block at frame " + in.getFrameIndex() + ": " + in.getStatus());
                }
                float[] x = in.getSamples();
                for (int i = 0; i < out.length; i++) out[i] = 0.5f * x[i];
            });
        try {
            running.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException expected) {
            running.cancel(true);
        }
        if (blocks.get() == 0) throw new IllegalStateException("the duplex stream processed no block");
        System.out.printf("duplex ran %d blocks, %d with a status; %s%n", blocks.get(), glitches.get(), watch.stats().latest());
    }
}
