/*
 * Scenario: play a WAV file, resampled to the device's rate when they differ (the Java twin of
 * the samples' PlayWav).
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.PlayWav [--backend NAME] FILE.wav
 */
package dev.audioflow.examples;

import dev.audioflow.AudioDevice;
import dev.audioflow.java.Signal;
import dev.audioflow.java.SoundFiles;
import dev.audioflow.sndfile.AudioFileInfo;

public final class PlayWav {
    private PlayWav() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "");
        AudioDevice speaker = options.backend.defaultOutputDevice();

        // The header tells the format; Signal.wav streams the samples as float blocks.
        AudioFileInfo info = SoundFiles.info(options.file);
        System.out.printf("playing %s: %s, %d frames on '%s'%n", options.file, info.getAudioFormat(), info.getFrames(), speaker.getName());

        // resample passes the signal through when the rates already match; without a StreamConfig,
        // play takes the format from the first block.
        long start = System.nanoTime();
        Signal.wav(options.file).resample(speaker.getDefaultSampleRate()).play(speaker);
        System.out.printf("played in %.2f s%n", (System.nanoTime() - start) / 1e9);
    }
}
