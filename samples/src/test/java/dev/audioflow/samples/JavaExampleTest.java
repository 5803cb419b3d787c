package dev.audioflow.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.audioflow.java.Audio;
import dev.audioflow.java.AudioClip;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Java sample program, run as a user would, on the virtual backend. */
class JavaExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recordsHalfASecondOfTheVirtualInputToAWavFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("java.wav");
        JavaExample.main(new String[] {"--backend", "virtual", out.toString()});
        AudioClip clip = Audio.readWav(out);
        assertEquals(24_000, clip.getFrames());
        assertEquals(48_000, clip.getFormat().getSampleRate());
        float peak = 0;
        for (float v : clip.getSamples()) peak = Math.max(peak, Math.abs(v));
        assertEquals(0.1f, peak, 0.002f, "the virtual input is a 0.1-amplitude sine");
    }
}
