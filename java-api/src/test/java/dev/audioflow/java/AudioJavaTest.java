package dev.audioflow.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioBackends;
import dev.audioflow.AudioErrorKind;
import dev.audioflow.AudioException;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.FloatBlock;
import dev.audioflow.SampleFormat;
import dev.audioflow.StreamConfig;
import dev.audioflow.StreamThreadPlacement;
import dev.audioflow.sndfile.AudioFileInfo;
import dev.audioflow.sndfile.FileFormat;
import dev.audioflow.sndfile.FileSubtype;
import dev.audioflow.virtual.CapturingSink;
import dev.audioflow.virtual.Pacing;
import dev.audioflow.virtual.VirtualBackend;
import dev.audioflow.virtual.VirtualDevice;
import dev.audioflow.virtual.VirtualSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Java facade used from Java, as a Java program would, against unpaced virtual devices. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AudioJavaTest {
    private static final AudioFormat FORMAT = new AudioFormat(48_000, 2);
    private static final StreamConfig CONFIG = new StreamConfig(FORMAT, new BlockSize.Fixed(128));

    private VirtualBackend backend;
    private CapturingSink sink;
    private VirtualDevice speaker;
    private float[] source;
    private VirtualDevice mic;

    @BeforeEach
    void setUp() {
        backend = new VirtualBackend(Pacing.Unpaced);
        sink = new CapturingSink();
        speaker = backend.addOutput("speaker", 2, 48_000, sink);
        source = ramp(10_000);
        mic = backend.addInput("mic", 2, 48_000, VirtualSource.samples(source, false));
    }

    @Test
    void settingsAreAddedToAConfigWithoutTheFullConstructor() {
        StreamConfig free = CONFIG.withSettings(StreamThreadPlacement.Free);
        assertEquals(List.of(StreamThreadPlacement.Free), free.getSettings());
        assertEquals(CONFIG.getFormat(), free.getFormat());
        assertEquals(StreamThreadPlacement.Free, StreamThreadPlacement.of(free));
        assertEquals(StreamThreadPlacement.ColocatedWhileLight, StreamThreadPlacement.of(CONFIG));
        assertEquals(List.of(), CONFIG.getSettings());
    }

    /** Distinct values everywhere, so a lost, repeated or reordered frame is visible. */
    private static float[] ramp(int frames) {
        float[] samples = new float[frames * 2];
        for (int i = 0; i < samples.length; i++) samples[i] = (i % 2000) / 2000f - 0.5f;
        return samples;
    }

    @Test
    void playBlocksUntilEverySampleWasPlayed() throws InterruptedException {
        Audio.play(source, FORMAT, speaker);
        assertArrayEquals(source, sink.captured());
    }

    @Test
    void playAsyncCompletesAfterPlayback() throws Exception {
        CompletableFuture<Void> done = Audio.playAsync(source, FORMAT, speaker, 64);
        done.get(10, TimeUnit.SECONDS);
        assertArrayEquals(source, sink.captured());
    }

    @Test
    void recordReturnsExactlyTheRequestedFrames() throws InterruptedException {
        float[] recorded = Audio.record(3_000, FORMAT, mic);
        assertEquals(3_000 * 2, recorded.length);
        for (int i = 0; i < recorded.length; i++) assertEquals(source[i], recorded[i], "sample " + i);
    }

    @Test
    void recordAsyncStopsShortWhenTheInputEnds() throws Exception {
        float[] recorded = Audio.recordAsync(50_000, FORMAT, mic).get(10, TimeUnit.SECONDS);
        assertArrayEquals(source, recorded);
    }

    @Test
    void playRecordReturnsTheFramesCapturedWhileEachFrameWasPlayed() throws InterruptedException {
        float[] input = new float[20_000];
        for (int i = 0; i < input.length; i++) input[i] = i / 20_000f;
        CapturingSink out = new CapturingSink();
        VirtualDevice device = backend.addDevice("interface", 1, 2, 48_000, VirtualSource.samples(input, false), out);
        float[] played = ramp(5_000);
        float[] recorded = Audio.playRecord(played, FORMAT, 1, device, 128);
        assertEquals(5_000, recorded.length);
        int lead = Math.round(recorded[0] * 20_000f);
        for (int k = 0; k < recorded.length; k++) assertEquals(input[lead + k], recorded[k], "recorded frame " + k);
        float[] output = out.captured();
        for (int k = 0; k < played.length; k++) assertEquals(played[k], output[lead * 2 + k], "played sample " + k);
    }

    @Test
    void anOmittedDeviceIsTheDefaultBackendsDefaultDevice() throws Exception {
        String previous = System.getProperty(AudioBackends.BACKEND_PROPERTY);
        System.setProperty(AudioBackends.BACKEND_PROPERTY, "virtual");
        try {
            float[] recorded = Audio.record(2_400, FORMAT);
            assertEquals(2_400 * 2, recorded.length);
            float peak = 0f;
            for (float x : recorded) peak = Math.max(peak, Math.abs(x));
            assertEquals(0.1f, peak, 0.005f, "the virtual default input is a 0.1-peak sine");
            Audio.play(Audio.sine(440.0, 480, FORMAT), FORMAT);
            Audio.playAsync(source, FORMAT).get(10, TimeUnit.SECONDS);
            assertEquals(9_600, Audio.recordAsync(4_800, FORMAT).get(10, TimeUnit.SECONDS).length);
        } finally {
            if (previous == null) System.clearProperty(AudioBackends.BACKEND_PROPERTY);
            else System.setProperty(AudioBackends.BACKEND_PROPERTY, previous);
        }
    }

    @Test
    void pullInputDeliversEveryFrameThenNull() throws InterruptedException {
        List<Float> seen = new ArrayList<>();
        try (AudioInput in = Audio.openInput(mic, CONFIG)) {
            FloatBlock block;
            long expectedIndex = 0;
            while ((block = in.read()) != null) {
                assertEquals(expectedIndex, block.getFrameIndex());
                expectedIndex += block.getFrames();
                for (float v : block.getSamples()) seen.add(v);
            }
            assertNull(in.read());
        }
        assertEquals(source.length, seen.size());
        for (int i = 0; i < source.length; i++) assertEquals(source[i], seen.get(i), "sample " + i);
    }

    @Test
    void readIntoAnArrayFillsItAcrossBlocks() throws InterruptedException {
        try (AudioInput in = Audio.openInput(mic, CONFIG)) {
            float[] first = new float[333 * 2];
            assertEquals(333, in.read(first));
            float[] rest = new float[20_000 * 2];
            assertEquals(10_000 - 333, in.read(rest));
            for (int i = 0; i < first.length; i++) assertEquals(source[i], first[i]);
            for (int i = 0; i < (10_000 - 333) * 2; i++) assertEquals(source[first.length + i], rest[i]);
        }
    }

    @Test
    void callbackInputRunsOnANonRealtimeThreadInOrder() throws Exception {
        List<FloatBlock> blocks = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try (CallbackInput in = Audio.openInput(mic, CONFIG, block -> {
            blocks.add(block);
            threads.add(Thread.currentThread().getName());
        })) {
            assertTrue(in.awaitCompletion(10, TimeUnit.SECONDS));
            assertEquals(10_000L, in.stats().getFramesIn());
        }
        assertEquals(10_000, blocks.stream().mapToInt(FloatBlock::getFrames).sum());
        assertTrue(threads.stream().allMatch(name -> name.startsWith("audioflow-java-callback-")), threads.toString());
    }

    @Test
    void aThrowingCallbackFailsTheStream() {
        try (CallbackInput in = Audio.openInput(mic, CONFIG, block -> {
            throw new IllegalStateException("boom at " + block.getFrameIndex());
        })) {
            IllegalStateException e = assertThrows(IllegalStateException.class, in::awaitCompletion);
            assertEquals("boom at 0", e.getMessage());
            assertTrue(in.completion().isCompletedExceptionally());
        }
    }

    @Test
    void outputWritesArePlayedInOrderAndCloseDrains() throws InterruptedException {
        try (AudioOutput out = Audio.openOutput(speaker, CONFIG, 2)) {
            for (int frame = 0; frame < 10_000; frame += 1_000) out.write(source, frame, 1_000);
        }
        assertArrayEquals(source, sink.captured());
    }

    @Test
    void writingABlockOfTheWrongFormatNamesIt() {
        try (AudioOutput out = Audio.openOutput(speaker, CONFIG)) {
            AudioException e = assertThrows(AudioException.class, () -> out.write(new float[3]));
            assertEquals(AudioErrorKind.InvalidArgument, e.getKind());
            assertTrue(e.getMessage().contains("3"), e.getMessage());
        }
    }

    @Test
    void publisherDeliversTheInputToASubscriber() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        List<FloatBlock> blocks = new ArrayList<>();
        Audio.publisher(mic, CONFIG).subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
            @Override public void onNext(FloatBlock item) { blocks.add(item); }
            @Override public void onError(Throwable throwable) { done.countDown(); }
            @Override public void onComplete() { done.countDown(); }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(10_000, blocks.stream().mapToInt(FloatBlock::getFrames).sum());
    }

    @Test
    void aPublisherCanBePlayed() throws InterruptedException {
        Audio.play(Audio.publisher(mic, CONFIG), CONFIG, speaker);
        assertArrayEquals(source, sink.captured());
    }

    @Test
    void aVanishedDeviceSurfacesFromRead() throws InterruptedException {
        VirtualDevice endless = backend.addInput("endless", 2, 48_000, VirtualSource.sine(440.0));
        try (AudioInput in = Audio.openInput(endless, CONFIG)) {
            in.read();
            endless.vanish();
            AudioException e = assertThrows(AudioException.class, () -> {
                while (true) in.read();
            });
            assertEquals(AudioErrorKind.StreamInvalidated, e.getKind());
        }
    }

    @Test
    void unknownDevicesAndBackendsAreNamed() {
        AudioException device = assertThrows(AudioException.class, () -> Audio.device(backend, "no-such-device"));
        assertEquals(AudioErrorKind.DeviceNotFound, device.getKind());
        assertTrue(device.getMessage().contains("no-such-device"), device.getMessage());
        AudioException name = assertThrows(AudioException.class, () -> Audio.backend("no-such-backend"));
        assertTrue(name.getMessage().contains("no-such-backend"), name.getMessage());
        assertTrue(Audio.backends().stream().anyMatch(b -> b.getName().equals("virtual")), Audio.backends().toString());
    }

    @Test
    void cancellingAnAsyncRecordingStopsIt() throws Exception {
        VirtualDevice endless = new VirtualBackend(Pacing.Realtime).addInput("slow", 2, 48_000, VirtualSource.sine(440.0));
        CompletableFuture<float[]> recording = Audio.recordAsync(48_000 * 60, FORMAT, endless);
        Thread.sleep(100);
        assertTrue(recording.cancel(true));
        assertThrows(java.util.concurrent.CancellationException.class, recording::get);
        assertEquals(0, waitForNoOpenStreams());
    }

    @Test
    void wavFilesRoundTripAndPlay(@TempDir Path dir) throws InterruptedException {
        Path file = dir.resolve("ramp.wav");
        assertEquals(10_000L, Audio.writeWav(file, source, FORMAT, SampleFormat.FLOAT32));
        AudioClip clip = Audio.readWav(file);
        assertEquals(FORMAT, clip.getFormat());
        assertEquals(10_000, clip.getFrames());
        assertArrayEquals(source, clip.getSamples());
        Audio.playWav(file, speaker);
        assertArrayEquals(source, sink.captured());
    }

    @Test
    void filesOfEveryFormatRoundTripStreamAndPlay(@TempDir Path dir) throws InterruptedException {
        Path flac = dir.resolve("ramp.flac");
        assertEquals(10_000L, SoundFiles.write(flac, new AudioClip(FORMAT, source), FileFormat.FLAC, FileSubtype.PCM_24));
        AudioFileInfo info = SoundFiles.info(flac);
        assertEquals(FileSubtype.PCM_24, info.getSubtype());
        assertEquals(10_000L, info.getFrames());
        float[] read = SoundFiles.read(flac).getSamples();
        assertEquals(source.length, read.length);
        for (int i = 0; i < read.length; i++) {
            assertEquals(source[i], read[i], 1.0 / (1 << 23), "sample " + i);
        }
        Path ogg = dir.resolve("copy.ogg");
        assertEquals(4_000L, SoundFiles.write(ogg, SoundFiles.publisher(flac, 1_000, 4_000)));
        assertEquals(FileSubtype.VORBIS, SoundFiles.info(ogg).getSubtype());
        assertEquals(4_000L, SoundFiles.info(ogg).getFrames());
        SoundFiles.play(flac, speaker);
        assertArrayEquals(read, sink.captured());
        AudioException missing = assertThrows(AudioException.class, () -> SoundFiles.read(dir.resolve("none.flac")));
        assertTrue(missing.getMessage().contains("none.flac"), missing.getMessage());
    }

    @Test
    void sineHasTheRequestedLengthAndAmplitude() {
        float[] tone = Audio.sine(1_000.0, 4_800, FORMAT, 0.5f);
        assertEquals(4_800 * 2, tone.length);
        float peak = 0;
        for (int i = 0; i < tone.length; i += 2) {
            assertEquals(tone[i], tone[i + 1]);
            peak = Math.max(peak, Math.abs(tone[i]));
        }
        assertEquals(0.5f, peak, 1e-3f);
        assertEquals(0f, tone[0]);
    }

    private static int waitForNoOpenStreams() throws InterruptedException {
        for (int i = 0; i < 100 && dev.audioflow.StreamDiagnostics.getOpenStreams() > 0; i++) Thread.sleep(20);
        return dev.audioflow.StreamDiagnostics.getOpenStreams();
    }

    @Test
    void closingAnInputDiscardsTheQueuedBlocks() throws Exception {
        VirtualDevice endless = new VirtualBackend(Pacing.Unpaced).addInput("endless", 2, 48_000, VirtualSource.sine(440.0));
        AudioInput input = Audio.openInput(endless, CONFIG, 4);
        FloatBlock first = input.read();
        assertTrue(first != null);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (input.stats().getFramesIn() < 6 * 128 && System.nanoTime() < deadline) Thread.sleep(5);
        input.close();
        assertNull(input.read(), "a read after close returns no queued block");
        assertNull(input.poll(10, TimeUnit.MILLISECONDS));
    }
}
