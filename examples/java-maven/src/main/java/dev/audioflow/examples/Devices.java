/*
 * Scenario: every backend on the class path and its devices, with default markers and latencies.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.Devices [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioBackend;
import dev.audioflow.AudioDevice;
import dev.audioflow.java.Audio;

public final class Devices {
    private Devices() {}

    public static void main(String[] args) {
        for (AudioBackend backend : Audio.backends()) {
            System.out.printf("%s: %s%n", backend.getName(), backend.isAvailable() ? "available" : "unavailable");
            if (backend.isAvailable()) print(backend);
        }
    }

    static void print(AudioBackend backend) {
        for (AudioDevice device : Audio.devices(backend)) {
            String marks = (device.isDefaultInput() ? ">" : " ") + (device.isDefaultOutput() ? "<" : " ");
            System.out.printf("  %s %s %s (%d in, %d out, %d Hz, low output latency %d ms)%n", marks, device.getId(),
                device.getName(), device.getMaxInputChannels(), device.getMaxOutputChannels(),
                device.getDefaultSampleRate(), device.defaultLowOutputLatency().toMillis());
        }
    }
}
