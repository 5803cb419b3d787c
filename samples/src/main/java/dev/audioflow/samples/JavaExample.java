/*
 * Scenario: audioflow from Java, without coroutines: list devices, play a tone, record through
 * a callback on a normal thread, save and reload a WAV file.
 * Run: ./audioflow example java [--backend NAME] [OUT.wav]
 */
package dev.audioflow.samples;

import dev.audioflow.AudioBackend;
import dev.audioflow.AudioDevice;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.SampleFormat;
import dev.audioflow.StreamConfig;
import dev.audioflow.java.Audio;
import dev.audioflow.java.AudioClip;
import dev.audioflow.java.CallbackInput;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

public final class JavaExample {
    private JavaExample() {}

    public static void main(String[] args) throws Exception {
        String backendName = null;
        Path out = Path.of("java-example.wav");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend") && i + 1 < args.length) backendName = args[++i];
            else out = Path.of(args[i]);
        }
        AudioBackend backend = backendName == null ? Audio.defaultBackend() : Audio.backend(backendName);

        // 1. Devices: plain Java lists of AudioDevice.
        for (AudioDevice device : Audio.devices(backend)) {
            System.out.printf("%s %s (%d in, %d out)%n", device.getId(), device.getName(),
                device.getMaxInputChannels(), device.getMaxOutputChannels());
        }

        // 2. Play half a second of A4, asynchronously; join() waits like a blocking call would.
        AudioFormat format = new AudioFormat(48_000, 2);
        float[] tone = Audio.sine(440.0, 24_000, format, 0.2f);
        CompletableFuture<Void> playing = Audio.playAsync(tone, format, backend.defaultOutputDevice());
        playing.join();
        System.out.println("played " + tone.length / 2 + " frames");

        // 3. Record half a second through a callback. It runs on an ordinary Java thread
        //    (never the audio thread), so it may allocate and block briefly.
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        AtomicLong frames = new AtomicLong();
        StreamConfig config = new StreamConfig(format, new BlockSize.Fixed(256));
        try (CallbackInput input = Audio.openInput(backend.defaultInputDevice(), config, block -> {
            if (frames.get() >= 24_000) return;
            ByteBuffer bytes = ByteBuffer.allocate(block.getSamples().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : block.getSamples()) bytes.putFloat(v);
            recorded.writeBytes(bytes.array());
            frames.addAndGet(block.getFrames());
        })) {
            while (frames.get() < 24_000 && input.isActive()) Thread.sleep(10);
        }

        // 4. Save what was recorded as 16-bit WAV and read it back.
        ByteBuffer raw = ByteBuffer.wrap(recorded.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[Math.min(raw.remaining() / 4, 24_000 * 2)];
        for (int i = 0; i < samples.length; i++) samples[i] = raw.getFloat();
        Audio.writeWav(out, samples, format, SampleFormat.INT16);
        AudioClip clip = Audio.readWav(out);
        float peak = 0;
        for (float v : clip.getSamples()) peak = Math.max(peak, Math.abs(v));
        System.out.printf("recorded %d frames to %s, peak %.3f%n", clip.getFrames(), out.toAbsolutePath(), peak);
    }
}
