/*
 * Scenario: PyAudio-style blocking loops: read fixed-size buffers from the default input and
 * write them, at half the level, to the default output, for one second; closing the output
 * plays out what it still holds.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.BlockingLoops [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.StreamConfig;
import dev.audioflow.java.Audio;
import dev.audioflow.java.AudioInput;
import dev.audioflow.java.AudioOutput;

public final class BlockingLoops {
    private BlockingLoops() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "");
        AudioFormat format = new AudioFormat(48_000, 2);
        StreamConfig config = new StreamConfig(format, new BlockSize.Fixed(480));
        float[] buffer = new float[480 * format.getChannels()];
        long frames = 0;
        float peak = 0;
        try (AudioInput in = Audio.openInput(options.backend.defaultInputDevice(), config);
             AudioOutput out = Audio.openOutput(options.backend.defaultOutputDevice(), config)) {
            while (frames < format.getSampleRate()) {
                int read = in.read(buffer);
                if (read == 0) break;
                for (int i = 0; i < read * format.getChannels(); i++) {
                    buffer[i] *= 0.5f;
                    peak = Math.max(peak, Math.abs(buffer[i]));
                }
                out.write(buffer, 0, read);
                frames += read;
            }
        }
        System.out.printf("looped %d frames through, peak %.3f; in and out closed%n", frames, peak);
        if (frames < format.getSampleRate()) throw new IllegalStateException("input ended after " + frames + " frames");
    }
}
