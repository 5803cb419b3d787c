package dev.audioflow.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.BlockStatus;
import dev.audioflow.Latency;
import dev.audioflow.StreamConfig;
import dev.audioflow.StreamStats;
import dev.audioflow.StreamDiagnostics;
import dev.audioflow.virtual.CapturingSink;
import dev.audioflow.virtual.Pacing;
import dev.audioflow.virtual.VirtualBackend;
import dev.audioflow.virtual.VirtualDevice;
import dev.audioflow.virtual.VirtualSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Duplex in one stream from Java (Signal function, per-block processor; blocking, future, stream object) and the output callback stream. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DuplexJavaTest {
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);
    private static final StreamConfig CONFIG = new StreamConfig(MONO, new BlockSize.Fixed(128));

    private static float[] ramp(int frames) {
        float[] samples = new float[frames];
        for (int i = 0; i < frames; i++) samples[i] = (i % 1000) / 1000f - 0.5f;
        return samples;
    }

    /** The duplex's priming silence: the blocks it queues between input and output (StreamConfig.duplexBlocks). */
    private static final int PRIME = CONFIG.getDuplexBlocks() * 128;

    /** The captured output, with the duplex's priming silence removed. */
    private static float[] played(CapturingSink sink, int frames) {
        float[] all = sink.captured();
        int prime = PRIME;
        for (int i = 0; i < prime; i++) assertEquals(0f, all[i], "priming silence at " + i);
        return java.util.Arrays.copyOfRange(all, prime, prime + frames);
    }

    @Test
    void aSignalFunctionRunsInOneDuplexStream() throws Exception {
        float[] x = ramp(4_800);
        CapturingSink sink = new CapturingSink();
        VirtualDevice device = new VirtualBackend(Pacing.Unpaced).addDevice("box", 1, 1, 48_000, VirtualSource.samples(x, false), sink);
        StreamWatch watch = new StreamWatch();
        Duplex.on(device, CONFIG).watch(watch).run(in -> in.gain(0.5f));
        float[] out = played(sink, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(0.5f * x[i], out[i], 1e-6f, "frame " + i);
        assertEquals(4_800L, watch.stats().latest().getFramesIn());
    }

    @Test
    void aProcessorSeesEveryInputBlockWithItsStatusAndFillsTheOutput() throws Exception {
        float[] x = ramp(4_800);
        CapturingSink sink = new CapturingSink();
        VirtualDevice device = new VirtualBackend(Pacing.Unpaced).addDevice("box", 1, 2, 48_000, VirtualSource.samples(x, false), sink);
        StreamConfig stereoOut = new StreamConfig(MONO, new BlockSize.Fixed(128), Latency.parse("high"), null, 2);
        List<BlockStatus> statuses = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Duplex.on(device, stereoOut).run((in, out) -> {
            statuses.add(in.getStatus());
            threads.add(Thread.currentThread().getName());
            float[] s = in.getSamples();
            for (int f = 0; f < in.getFrames(); f++) {
                out[2 * f] = s[f];
                out[2 * f + 1] = -s[f];
            }
        });
        assertEquals(x.length / 128 + (x.length % 128 == 0 ? 0 : 1), statuses.size());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("audioflow-java-duplex-")), threads.toString());
        float[] all = sink.captured();
        for (int f = 0; f < x.length; f++) {
            assertEquals(x[f], all[2 * (f + PRIME)], 1e-6f, "left " + f);
            assertEquals(-x[f], all[2 * (f + PRIME) + 1], 1e-6f, "right " + f);
        }
    }

    @Test
    void runAsyncCancelClosesTheStreamAndAProcessorFailureFailsTheFuture() throws Exception {
        VirtualBackend backend = new VirtualBackend(Pacing.Realtime);
        VirtualDevice device = backend.addDevice("box", 1, 1, 48_000, VirtualSource.sine(440.0), new CapturingSink());
        CountDownLatch running = new CountDownLatch(5);
        CompletableFuture<Void> done = Duplex.on(device, CONFIG).runAsync((in, out) -> running.countDown());
        assertTrue(running.await(10, TimeUnit.SECONDS));
        done.cancel(true);
        assertEquals(0, StreamDiagnostics.INSTANCE.getOpenStreams());

        IOException boom = new IOException("dsp failed");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> Duplex.on(device, CONFIG).runAsync((in, out) -> { throw boom; }).get(10, TimeUnit.SECONDS));
        assertSame(boom, failed.getCause());
        CallbackException blocking = assertThrows(CallbackException.class,
                () -> Duplex.on(device, CONFIG).run(in -> in.onBlock(b -> { throw boom; })));
        assertSame(boom, blocking.getCause());
    }

    @Test
    void aTransformThatEndsEndsTheDuplex() throws Exception {
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.sine(440.0), new CapturingSink());
        StreamWatch watch = new StreamWatch();
        Duplex.on(device, CONFIG).watch(watch).run(in -> in.limit(Duration.ofMillis(200)));
        // The run returned once the transform ended (the point of this test), and every frame it
        // returned was played or, after an underflow on this real-time device, dropped by the
        // resync that holds the duplex latency at its target (counted in the stats).
        StreamStats stats = watch.stats().latest();
        assertTrue(stats.getFramesOut() + stats.getResyncDroppedFrames() >= 9_600L,
                "played or resync-dropped what the transform returned (9600 frames): " + stats);
    }

    @Test
    void openDuplexAndCallbackOutputAreStreamObjects() throws Exception {
        // Not a multiple of the 128-frame block: an unpaced virtual duplex whose finite source is
        // an exact number of periods does not end (core VirtualStream; reported, not worked around here).
        float[] x = ramp(2_500);
        CapturingSink loopSink = new CapturingSink();
        VirtualBackend backend = new VirtualBackend(Pacing.Unpaced);
        VirtualDevice box = backend.addDevice("box", 1, 1, 48_000, VirtualSource.samples(x, false), loopSink);
        try (CallbackStream loop = Audio.openDuplex(box, CONFIG, (in, out) -> System.arraycopy(in.getSamples(), 0, out, 0, out.length))) {
            assertTrue(loop.awaitCompletion(10, TimeUnit.SECONDS));
            assertEquals(2_500L, loop.stats().getFramesIn());
        }
        assertArrayEquals(x, played(loopSink, x.length));

        CapturingSink sink = new CapturingSink();
        VirtualDevice speaker = backend.addOutput("speaker", 1, 48_000, sink);
        int[] calls = {0};
        try (CallbackStream out = Audio.openOutput(speaker, CONFIG, (buffer, frames) -> {
            if (calls[0]++ == 10) return 0;
            java.util.Arrays.fill(buffer, 0, frames, calls[0]);
            return frames;
        })) {
            assertTrue(out.awaitCompletion(10, TimeUnit.SECONDS));
        }
        float[] captured = sink.captured();
        assertEquals(10 * 128, captured.length);
        assertEquals(1f, captured[0]);
        assertEquals(10f, captured[captured.length - 1]);
    }
}
