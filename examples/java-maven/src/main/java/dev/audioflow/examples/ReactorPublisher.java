/*
 * Scenario: the default input as a java.util.concurrent.Flow.Publisher, consumed with Reactor
 * (through JdkFlowAdapter): 50 blocks, each reduced to its peak level.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.ReactorPublisher [--backend NAME]
 */
package dev.audioflow.examples;

import dev.audioflow.AudioFormat;
import dev.audioflow.BlockSize;
import dev.audioflow.FloatBlock;
import dev.audioflow.StreamConfig;
import dev.audioflow.java.Audio;
import java.util.List;
import java.util.concurrent.Flow;
import reactor.adapter.JdkFlowAdapter;

public final class ReactorPublisher {
    private ReactorPublisher() {}

    public static void main(String[] args) {
        Options options = Options.parse(args, "");
        StreamConfig config = new StreamConfig(new AudioFormat(48_000, 2), new BlockSize.Fixed(256));
        Flow.Publisher<FloatBlock> input = Audio.publisher(options.backend.defaultInputDevice(), config);
        List<Float> peaks = JdkFlowAdapter.flowPublisherToFlux(input)
            .take(50)
            .map(ReactorPublisher::peak)
            .collectList()
            .block();
        float loudest = peaks.stream().max(Float::compare).orElse(0f);
        System.out.printf("%d blocks through Reactor, loudest peak %.3f%n", peaks.size(), loudest);
        if (peaks.size() != 50) throw new IllegalStateException("expected 50 blocks, got " + peaks.size());
    }

    private static float peak(FloatBlock block) {
        float peak = 0;
        for (float v : block.getSamples()) peak = Math.max(peak, Math.abs(v));
        return peak;
    }
}
