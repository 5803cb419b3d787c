/*
 * Scenario: UI-style metering (the Java twin of the samples' UiMeter). The pipeline publishes
 * levels into a Feed; a "UI" task samples the feed at its own frame rate, as a desktop UI would,
 * and never slows the audio down.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.UiMeter [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioDevice;
import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.StreamConfig;
import dev.audioflow.flow.Levels;
import dev.audioflow.java.Feed;
import dev.audioflow.java.Signal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public final class UiMeter {
    private UiMeter() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, "");
        AudioDevice mic = options.backend.defaultInputDevice();
        AudioFormat format = new AudioFormat(mic.getDefaultSampleRate(), Math.min(2, mic.getMaxInputChannels()));
        StreamConfig config = new StreamConfig(format, new BlockSize.Fixed(256));

        // What a UI binds to: the latest levels, or null before the first window.
        Feed<Levels> levels = new Feed<>();
        ScheduledExecutorService ui = Executors.newSingleThreadScheduledExecutor();
        ui.scheduleAtFixedRate(() -> render(levels.latest()), 0, 100, TimeUnit.MILLISECONDS);
        try {
            // meter writes each 100 ms window into the feed and passes the audio on untouched.
            float[] recorded = Signal.input(mic, config)
                .limit(Duration.ofSeconds(3))
                .meter(format.getSampleRate() / 10, levels)
                .toSamples();
            System.out.printf("metered %d frames; final: %s%n", recorded.length / format.getChannels(), levels.latest());
        } finally {
            ui.shutdownNow();
        }
        if (levels.latest() == null) throw new IllegalStateException("no levels were published");
    }

    /** The "UI": one line per frame from whatever the feed holds then. */
    private static void render(Levels l) {
        if (l == null) return;
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < l.getChannels(); c++) line.append(String.format("ch%d %6.1f dBFS  ", c + 1, l.peakDbfs(c)));
        System.out.println(line.toString().trim());
    }
}
