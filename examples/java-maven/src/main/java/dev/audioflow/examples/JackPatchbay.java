/*
 * Scenario: JACK from Java: a client with its own ports, the server's physical ports, connecting
 * and disconnecting, the port graph and the transport.
 * Run (once ./run has built the project): java -cp "target/classes:$(cat target/classpath)" dev.audioflow.examples.JackPatchbay [SERVER]   (default: $JACK_DEFAULT_SERVER or "default")
 */
package dev.audioflow.examples;

import dev.audioflow.jack.JackClient;
import dev.audioflow.jack.OwnPort;
import dev.audioflow.jack.TransportState;
import java.util.List;

public final class JackPatchbay {
    private JackPatchbay() {}

    public static void main(String[] args) throws InterruptedException {
        String server = args.length > 0 ? args[0] : null;
        try (JackClient client = JackClient.open("java-patchbay", server)) {
            OwnPort in = client.registerAudioInput("in");
            OwnPort out = client.registerAudioOutput("out");
            client.activate();
            System.out.printf("client %s at %d Hz, %d frames per period%n", client.getName(), client.getSampleRate(), client.getBufferSize());

            List<String> capture = client.physicalCapturePorts();
            List<String> playback = client.physicalPlaybackPorts();
            System.out.println("capture ports: " + capture + ", playback ports: " + playback);
            client.connect(capture.get(0), in.getName());
            client.connect(out, playback.get(0));
            System.out.println(out.getName() + " -> " + out.connections());
            if (!out.connections().contains(playback.get(0))) throw new IllegalStateException("connect did not show");
            client.disconnect(out, playback.get(0));
            System.out.println("after disconnect: " + out.connections());
            System.out.println("ports matching java-patchbay: " + client.ports("java-patchbay:"));

            client.startTransport();
            Thread.sleep(200);
            TransportState rolling = client.transportState();
            client.stopTransport();
            client.locate(0);
            System.out.printf("transport was %s at frame %d%n", rolling.getStatus(), rolling.getFrame());
        }
    }
}
