package dev.audioflow.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioErrorKind;
import dev.audioflow.AudioException;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.FloatBlock;
import dev.audioflow.SampleFormat;
import dev.audioflow.StreamConfig;
import dev.audioflow.StreamDiagnostics;
import dev.audioflow.flow.Levels;
import dev.audioflow.virtual.CapturingSink;
import dev.audioflow.virtual.Pacing;
import dev.audioflow.virtual.VirtualBackend;
import dev.audioflow.virtual.VirtualDevice;
import dev.audioflow.virtual.VirtualSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Java pipeline type used from Java: the issue's snippet, every source, operators, terminals, callbacks' thread and errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalJavaTest {
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);

    @TempDir
    Path dir;

    @Test
    void theIssueSnippetCompilesAndRunsAsWritten() throws Exception {
        Path out = Path.of("out.wav");
        List<Float> peaks = Collections.synchronizedList(new ArrayList<>());
        try {
            AudioFormat mono = new AudioFormat(48_000, 1);
            Signal.mix(Signal.sine(220.0, mono).gain(0.3f), Signal.sine(330.0, mono).gain(0.2f))
                  .fadeIn(Duration.ofMillis(500))
                  .pan(-0.3f)
                  .meter(9_600, levels -> System.out.printf("L %.1f dBFS%n", levels.peakDbfs(0)))
                  .meter(9_600, levels -> peaks.add(levels.peak(0)))
                  .limit(Duration.ofSeconds(3))
                  .tee(Sinks.wav(Path.of("out.wav"), SampleFormat.INT16))
                  .play(Audio.defaultBackend().defaultOutputDevice());
            AudioClip written = Audio.readWav(out);
            assertEquals(new AudioFormat(48_000, 2), written.getFormat());
            assertEquals(3 * 48_000, written.getFrames());
            assertEquals(15, peaks.size(), "one meter window per 200 ms of 3 s");
            assertTrue(peaks.get(0) < peaks.get(14), "faded in: " + peaks);
            assertTrue(peaks.get(14) > 0.3f && peaks.get(14) <= 0.5f, "two sines of 0.3 and 0.2, panned: " + peaks);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static float[] ramp(int frames) {
        float[] samples = new float[frames];
        for (int i = 0; i < frames; i++) samples[i] = (i % 1000) / 1000f;
        return samples;
    }

    @Test
    void operatorsTransformTheSamples() throws Exception {
        float[] x = ramp(5_000);
        float[] y = Signal.samples(x, MONO, 128).gain(0.5f).mapSamples(s -> s + 1f).skipFrames(10).limitFrames(4_000).toSamples();
        assertEquals(4_000, y.length);
        for (int i = 0; i < y.length; i++) assertEquals(x[i + 10] * 0.5f + 1f, y[i], 1e-6f, "sample " + i);
        float[] stereo = Signal.samples(x, MONO).toStereo().selectChannels(1).reblock(100).toSamples();
        assertArrayEquals(x, stereo);
        assertEquals(4_800, Signal.silence(MONO).limit(Duration.ofMillis(100)).toSamples().length);
        assertEquals(1_000, Signal.samples(x, MONO, 100).skipBlocks(10).limitBlocks(10).toSamples().length);
        assertEquals(2_000, Signal.samples(x, MONO).skip(Duration.ofMillis(10)).limitFrames(2_000).toSamples().length);
    }

    @Test
    void everyGeneratorIsASource() throws Exception {
        Duration tenth = Duration.ofMillis(100);
        List<Signal> sources = List.of(
                Signal.sine(440.0, MONO), Signal.square(440.0, MONO, 0.5f), Signal.saw(440.0, MONO, 0.5f),
                Signal.noise(MONO), Signal.pinkNoise(MONO, 0.5f, 7L), Signal.impulse(MONO), Signal.clicks(MONO, 480L),
                Signal.sweep(100.0, 1_000.0, tenth, MONO));
        for (Signal source : sources) {
            float[] samples = source.limit(tenth).toSamples();
            assertEquals(4_800, samples.length, source.toString());
            float peak = 0f;
            for (float s : samples) peak = Math.max(peak, Math.abs(s));
            assertTrue(peak > 0.1f, "audible: " + peak);
        }
    }

    @Test
    void pullCallbackPublisherAndWavAreSources() throws Exception {
        float[] x = ramp(1_000);
        int[] offset = {0};
        Signal pulled = Signal.generate(MONO, (buffer, frames) -> {
            int n = Math.min(frames, x.length - offset[0]);
            System.arraycopy(x, offset[0], buffer, 0, n);
            offset[0] += n;
            return n;
        }, 64);
        assertArrayEquals(x, pulled.toSamples());

        Flow.Publisher<FloatBlock> publisher = Signal.samples(x, MONO, 100).toPublisher();
        assertArrayEquals(x, Signal.from(publisher).toSamples());

        Path wav = dir.resolve("x.wav");
        assertEquals(1_000L, Signal.samples(x, MONO).writeWav(wav, SampleFormat.FLOAT32));
        assertArrayEquals(x, Signal.wav(wav).toSamples());
        assertEquals(1_000L, Signal.samples(x, MONO).renderAsync(dir.resolve("y.wav")).get(10, TimeUnit.SECONDS));
        assertEquals(1_000, Audio.readWav(dir.resolve("y.wav")).getFrames());
    }

    @Test
    void perBlockCallbacksRunOnThePipelineThreadInOrder() throws Exception {
        List<String> threads = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        float[] out = Signal.samples(ramp(1_000), MONO, 100)
                .onBlock(block -> threads.add(Thread.currentThread().getName()))
                .map(block -> new FloatBlock(block.getFormat(), new float[block.getSamples().length], block.getFrameIndex(), block.getTimestampNanos(), block.getStatus()))
                .onBlock(block -> frames.add(block.getFrameIndex()))
                .toSamples();
        assertEquals(1_000, out.length);
        for (float s : out) assertEquals(0f, s);
        assertEquals(10, threads.size());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("audioflow-java-signal-")), threads.toString());
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L), frames);
    }

    @Test
    void aCheckedExceptionOfACallbackIsThePipelineFailure() {
        IOException boom = new IOException("disk full");
        Signal failing = Signal.sine(440.0, MONO).onBlock(block -> { throw boom; });
        CallbackException blocking = assertThrows(CallbackException.class, failing::toSamples);
        assertSame(boom, blocking.getCause());
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> failing.renderAsync(dir.resolve("z.wav")).get(10, TimeUnit.SECONDS));
        assertSame(boom, async.getCause());
        IllegalStateException unchecked = new IllegalStateException("bad state");
        assertSame(unchecked, assertThrows(IllegalStateException.class,
                () -> Signal.silence(MONO).map(block -> { throw unchecked; }).toSamples()));
        AudioException nullBlock = assertThrows(AudioException.class, () -> Signal.silence(MONO).map(block -> null).toSamples());
        assertEquals(AudioErrorKind.InvalidArgument, nullBlock.getKind());
    }

    @Test
    void aSignalThatGoesQuietFailsAfterTheGivenSilenceAndPassesEveryBlockBeforeIt() throws Exception {
        float[] samples = new float[4_800]; // 100 ms: 50 ms of signal, then 50 ms of silence
        for (int i = 0; i < 2_400; i++) samples[i] = 0.5f;
        assertArrayEquals(samples, Signal.samples(samples, MONO, 480).failWhenSilent(Duration.ofMillis(60)).toSamples());
        List<FloatBlock> seen = new ArrayList<>();
        AudioException quiet = assertThrows(AudioException.class,
                () -> Signal.samples(samples, MONO, 480).failWhenSilent(Duration.ofMillis(20)).onBlock(seen::add).toSamples());
        assertEquals(AudioErrorKind.StreamInvalidated, quiet.getKind());
        assertTrue(quiet.getMessage().contains("960 frames from frame 2400"), quiet.getMessage());
        // 20 ms (960 frames) of silence from frame 2,400 are complete at the end of the block [2880, 3360).
        assertEquals(7, seen.size());
        assertEquals(2_880, seen.get(6).getFrameIndex());
        AudioException zero = assertThrows(AudioException.class, () -> Signal.silence(MONO).failWhenSilent(Duration.ZERO));
        assertEquals(AudioErrorKind.InvalidArgument, zero.getKind());
        assertTrue(zero.getMessage().contains("failWhenSilent"), zero.getMessage());
    }

    @Test
    void badArgumentsFailAtOnceNamingTheValue() {
        AudioException negative = assertThrows(AudioException.class, () -> Signal.silence(MONO).fadeIn(Duration.ofMillis(-5)));
        assertTrue(negative.getMessage().contains("PT-0.005S"), negative.getMessage());
        AudioException fill = assertThrows(AudioException.class, () -> Signal.generate(MONO, (b, f) -> f + 1).toSamples());
        assertTrue(fill.getMessage().contains("returned 257"), fill.getMessage());
    }

    @Test
    void cancellingPlayAsyncStopsTheStreamAndClosesTheDeviceBeforeReturning() throws Exception {
        VirtualBackend backend = new VirtualBackend(Pacing.Realtime);
        CapturingSink sink = new CapturingSink();
        VirtualDevice speaker = backend.addOutput("speaker", 1, 48_000, sink);
        CountDownLatch playing = new CountDownLatch(5);
        CompletableFuture<Void> done = Signal.sine(440.0, MONO).onBlock(b -> playing.countDown()).playAsync(speaker);
        assertTrue(playing.await(10, TimeUnit.SECONDS));
        assertTrue(done.cancel(true));
        assertEquals(0, StreamDiagnostics.INSTANCE.getOpenStreams(), "closed when cancel returns");
        assertTrue(done.isCancelled());
        int captured = sink.captured().length;
        Thread.sleep(100);
        assertEquals(captured, sink.captured().length, "nothing plays after cancel");
    }

    @Test
    void interruptingABlockingPlayClosesTheDeviceAndThrowsInterruptedException() throws Exception {
        VirtualBackend backend = new VirtualBackend(Pacing.Realtime);
        VirtualDevice speaker = backend.addOutput("speaker", 1, 48_000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch playing = new CountDownLatch(3);
        Thread player = new Thread(() -> {
            try {
                Signal.sine(440.0, MONO).onBlock(b -> playing.countDown()).play(speaker);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        player.start();
        assertTrue(playing.await(10, TimeUnit.SECONDS));
        player.interrupt();
        player.join(10_000);
        assertFalse(player.isAlive());
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertEquals(0, StreamDiagnostics.INSTANCE.getOpenStreams());
    }

    @Test
    void deviceInputIsASourceAndWatchAndMeterFeedsAreLive() throws Exception {
        VirtualBackend backend = new VirtualBackend(Pacing.Unpaced);
        float[] x = ramp(9_600);
        VirtualDevice mic = backend.addInput("mic", 1, 48_000, VirtualSource.samples(x, false));
        CapturingSink sink = new CapturingSink();
        VirtualDevice speaker = backend.addOutput("speaker", 1, 48_000, sink);
        StreamConfig config = new StreamConfig(MONO, new BlockSize.Fixed(128));
        StreamWatch watch = new StreamWatch();
        List<Long> framesOut = Collections.synchronizedList(new ArrayList<>());
        Feed<Levels> levels = new Feed<>();
        List<Levels> heard = Collections.synchronizedList(new ArrayList<>());
        try (Registration stats = watch.stats().listen(Runnable::run, s -> framesOut.add(s.getFramesOut()));
             Registration meter = levels.listen(Runnable::run, heard::add)) {
            Signal.input(mic, config).limitFrames(9_600).meter(4_800, levels).play(speaker, config, watch);
        }
        assertArrayEquals(x, java.util.Arrays.copyOf(sink.captured(), x.length));
        assertTrue(framesOut.contains(0L), "the listener got the state at registration: " + framesOut);
        assertEquals(9_600L, watch.stats().latest().getFramesOut());
        assertTrue(watch.info().latest() != null);
        assertEquals(4_800L, levels.latest().getFrameIndex(), "the second window is the latest");
        assertTrue(!heard.isEmpty() && heard.size() <= 2, "at most one per window: " + heard);
    }

    @Test
    void aFeedPublisherDeliversToASubscriber() throws Exception {
        Feed<Levels> levels = new Feed<>();
        CompletableFuture<Levels> first = new CompletableFuture<>();
        levels.publisher().subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(1); }
            @Override public void onNext(Levels l) { first.complete(l); }
            @Override public void onError(Throwable t) { first.completeExceptionally(t); }
            @Override public void onComplete() { }
        });
        try (SubmissionPublisher<Float> gains = new SubmissionPublisher<>()) {
            CompletableFuture<Void> run = Signal.sine(100.0, MONO, 0.5f).gain(gains, 1f).meter(480, levels).limit(Duration.ofSeconds(1))
                    .playAsync(new VirtualBackend(Pacing.Realtime).addOutput("s", 1, 48_000));
            assertEquals(0.5f, first.get(10, TimeUnit.SECONDS).peak(0), 0.01f);
            run.cancel(true);
        }
    }
}
