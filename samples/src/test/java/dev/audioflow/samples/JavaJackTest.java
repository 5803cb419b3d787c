package dev.audioflow.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioDevice;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.FloatBlock;
import dev.audioflow.Latency;
import dev.audioflow.StreamConfig;
import dev.audioflow.jack.JackBackend;
import dev.audioflow.jack.JackSettings;
import dev.audioflow.java.Audio;
import dev.audioflow.java.AudioInput;
import dev.audioflow.java.AudioOutput;
import dev.audioflow.testing.JackServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java facade from Java, through a private {@code jackd -d dummy} server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaJackTest {
    private static final AudioFormat FORMAT = new AudioFormat(48_000, 2);
    private static JackServer server;
    private static JackBackend backend;

    @BeforeAll
    static void startServer() throws InterruptedException {
        String missing = JackServer.getMissingReason();
        if (missing != null && !JackServer.getRequired()) {
            System.err.println("*** SKIPPING JavaJackTest: " + missing + " (set CI=true to make this a failure) ***");
            Assumptions.abort(missing);
        }
        server = JackServer.start();
        backend = new JackBackend(server.getName());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) server.close();
    }

    @Test
    void playIsPacedByTheJackServer() throws InterruptedException {
        AudioDevice device = backend.defaultOutputDevice();
        float[] tone = Audio.sine(440.0, 24_000, FORMAT, 0.2f);
        long start = System.nanoTime();
        Audio.play(tone, FORMAT, device);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.45, "0.5 s of audio played in " + seconds + " s");
    }

    @Test
    void recordReturnsTheRequestedFrames() throws InterruptedException {
        float[] recorded = Audio.record(12_000, FORMAT, backend.defaultInputDevice());
        assertEquals(12_000 * 2, recorded.length);
    }

    @Test
    void writtenAudioArrivesInAnInputStreamThroughJackPorts() throws Exception {
        StreamConfig tx = new StreamConfig(FORMAT, new BlockSize.Fixed(256), Latency.high(), null, null, false, List.of(new JackSettings(false, "javatx")));
        StreamConfig rx = new StreamConfig(FORMAT, new BlockSize.Fixed(256), Latency.high(), null, null, false, List.of(new JackSettings(false, "javarx")));
        float[] tone = Audio.sine(1_000.0, 48_000, FORMAT, 0.5f);
        try (AudioInput in = Audio.openInput(backend.defaultInputDevice(), rx);
             AudioOutput out = Audio.openOutput(backend.defaultOutputDevice(), tx)) {
            out.write(tone, 0, 2_048);
            awaitPorts("javatx:out_2", "javarx:in_2");
            server.tool("jack_connect", "javatx:out_1", "javarx:in_1");
            server.tool("jack_connect", "javatx:out_2", "javarx:in_2");
            Thread writer = new Thread(() -> {
                try {
                    for (int frame = 2_048; frame < 48_000; frame += 2_048) out.write(tone, frame, Math.min(2_048, 48_000 - frame));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // asked to stop: the test is ending
                }
            }, "tone-writer");
            writer.start();
            float peak = 0;
            long frames = 0;
            while (frames < 96_000 && peak < 0.45f) {
                FloatBlock block = in.poll(5, TimeUnit.SECONDS);
                if (block == null) break;
                frames += block.getFrames();
                for (float v : block.getSamples()) peak = Math.max(peak, Math.abs(v));
            }
            writer.join(10_000);
            assertEquals(0.5f, peak, 0.01f, "peak of the looped-back tone");
            out.abort();
        }
    }

    private static void awaitPorts(String... ports) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            String listing = server.lsp(new String[0]);
            boolean all = true;
            for (String port : ports) all &= listing.contains(port);
            if (all) return;
            assertTrue(System.currentTimeMillis() < deadline, "ports " + String.join(", ", ports) + " never appeared in\n" + listing);
            Thread.sleep(20);
        }
    }
}
