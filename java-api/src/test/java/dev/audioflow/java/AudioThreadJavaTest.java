package dev.audioflow.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioErrorKind;
import dev.audioflow.AudioException;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.ProcessorTap;
import dev.audioflow.StreamConfig;
import dev.audioflow.StreamDiagnostics;
import dev.audioflow.virtual.CapturingSink;
import dev.audioflow.virtual.Pacing;
import dev.audioflow.virtual.VirtualBackend;
import dev.audioflow.virtual.VirtualDevice;
import dev.audioflow.virtual.VirtualSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Processing on the audio thread from Java (AudioThread): the Java form of AudioDevice.process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AudioThreadJavaTest {
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);
    private static final StreamConfig CONFIG = new StreamConfig(MONO, new BlockSize.Fixed(128));

    @Test
    void aProcessorTurnsEachCycleOfInputIntoOutputWithNothingQueued() throws Exception {
        float[] x = new float[48_000];
        for (int i = 0; i < x.length; i++) x[i] = (i % 1000) / 1000f - 0.5f;
        CapturingSink sink = new CapturingSink();
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.samples(x, true), sink);
        StreamWatch watch = new StreamWatch();
        AtomicLong cycles = new AtomicLong();
        AudioThread.on(device, CONFIG).watch(watch).runFor(Duration.ofMillis(300), (in, out, frames, cycle) -> {
            cycles.incrementAndGet();
            for (int i = 0; i < frames; i++) out[i] = 0.5f * in[i];
        });
        float[] played = sink.captured();
        assertTrue(cycles.get() > 10, "cycles: " + cycles.get());
        assertTrue(played.length >= 128 * 10, "played " + played.length);
        // No priming silence: the output of a cycle is that cycle's input, halved.
        for (int i = 0; i < played.length; i++) assertEquals(0.5f * x[i % x.length], played[i], 1e-6f, "frame " + i);
        assertEquals(played.length, watch.stats().latest().getFramesOut());
        assertEquals(0, StreamDiagnostics.getOpenStreams());
    }

    @Test
    void aProcessorThatThrowsEndsTheStreamWithBackendErrorCarryingIt() {
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.silence(), new CapturingSink());
        IllegalStateException thrown = new IllegalStateException("boom");
        AudioException error = assertThrows(AudioException.class, () -> AudioThread.on(device, CONFIG).run((in, out, frames, cycle) -> {
            throw thrown;
        }));
        assertEquals(AudioErrorKind.BackendError, error.getKind());
        assertEquals(thrown, error.getCause());
        assertEquals(0, StreamDiagnostics.getOpenStreams());
    }

    @Test
    void cancellingTheFutureClosesTheStream() throws Exception {
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.silence(), new CapturingSink());
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Void> future = AudioThread.on(device, CONFIG).runAsync((in, out, frames, cycle) -> running.countDown());
        assertTrue(running.await(10, TimeUnit.SECONDS));
        future.cancel(true);
        assertTrue(future.isCancelled());
        assertEquals(0, StreamDiagnostics.getOpenStreams());
    }

    @Test
    void runBlocksUntilInterruptedThenClosesAndThrowsInterruptedException() throws Exception {
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.silence(), new CapturingSink());
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                AudioThread.on(device, CONFIG).run((in, out, frames, cycle) -> running.countDown());
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof InterruptedException);
        assertEquals(0, StreamDiagnostics.getOpenStreams());
    }

    @Test
    void aTapCopiesTheProcessorsOutputToASinkWithoutAddingLatency() throws Exception {
        float[] x = new float[48_000];
        for (int i = 0; i < x.length; i++) x[i] = (i % 1000) / 1000f - 0.5f;
        CapturingSink speaker = new CapturingSink();
        VirtualDevice device = new VirtualBackend(Pacing.Realtime).addDevice("box", 1, 1, 48_000, VirtualSource.samples(x, true), speaker);
        java.util.List<Float> tapped = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AudioThread.on(device, CONFIG)
            .tap(ProcessorTap.Output, Sinks.consumer(block -> { for (float v : block.getSamples()) tapped.add(v); }))
            .runFor(Duration.ofMillis(300), (in, out, frames, cycle) -> {
                for (int i = 0; i < frames; i++) out[i] = 0.5f * in[i];
            });
        float[] played = speaker.captured();
        assertTrue(tapped.size() >= 128 * 10, "tapped " + tapped.size());
        for (int i = 0; i < tapped.size(); i++) assertEquals(played[i], tapped.get(i), 0f, "tapped frame " + i);
        assertEquals(0, StreamDiagnostics.getOpenStreams());
    }
}
