/*
 * Scenario: a pipeline from plain Java: two sines with their own gains, mixed, faded in, panned,
 * metered, limited to 3 s, played on the default output device and written to a WAV at once.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.Pipeline [--backend NAME] [OUT.wav]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioFormat;
import dev.audioflow.SampleFormat;
import dev.audioflow.java.Signal;
import dev.audioflow.java.Sinks;
import java.time.Duration;

public final class Pipeline {
    private Pipeline() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "pipeline.wav");
        AudioFormat mono = new AudioFormat(48_000, 1);
        Signal.mix(Signal.sine(220.0, mono).gain(0.3f), Signal.sine(330.0, mono).gain(0.2f))
              .fadeIn(Duration.ofMillis(500))
              .pan(-0.3f)
              .meter(9_600, levels -> System.out.printf("L %.1f dBFS%n", levels.peakDbfs(0)))
              .limit(Duration.ofSeconds(3))
              .tee(Sinks.wav(options.file, SampleFormat.INT16))
              .play(options.backend.defaultOutputDevice());
        System.out.println("played 3 s and wrote " + options.file);
    }
}
