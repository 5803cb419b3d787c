/*
 * Scenario: record half a second from the default input and save it as a 24-bit WAV file.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.Record24 [--backend NAME] [OUT.wav]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioFormat;
import dev.audioflow.SampleFormat;
import dev.audioflow.flow.AudioFlows;
import dev.audioflow.flow.WavInfo;
import dev.audioflow.java.Audio;

public final class Record24 {
    private Record24() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "record24.wav");
        AudioFormat format = new AudioFormat(48_000, 2);
        float[] recorded = Audio.record(24_000, format, options.backend.defaultInputDevice());
        Audio.writeWav(options.file, recorded, format, SampleFormat.INT24);
        WavInfo info = AudioFlows.wavInfo(options.file);
        System.out.printf("wrote %s: %d frames, %s, %d ms%n", options.file, info.getFrames(), info.getSampleFormat(),
            info.duration().toMillis());
        if (info.getSampleFormat() != SampleFormat.INT24 || info.getFrames() != 24_000) {
            throw new IllegalStateException("expected 24000 frames of INT24, got " + info);
        }
    }
}
