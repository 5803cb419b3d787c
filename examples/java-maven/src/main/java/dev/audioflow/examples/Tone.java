/*
 * Scenario: play one second of A4 on the default output device, blocking until it has played.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.Tone [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioDevice;
import dev.audioflow.AudioFormat;
import dev.audioflow.java.Audio;

public final class Tone {
    private Tone() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "");
        AudioFormat format = new AudioFormat(48_000, 2);
        AudioDevice speaker = options.backend.defaultOutputDevice();
        float[] tone = Audio.sine(440.0, 48_000, format, 0.2f);
        long start = System.nanoTime();
        Audio.play(tone, format, speaker);
        System.out.printf("played %d frames on %s in %.2f s%n", tone.length / 2, speaker.getName(), (System.nanoTime() - start) / 1e9);
    }
}
