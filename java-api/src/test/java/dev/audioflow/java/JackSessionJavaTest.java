package dev.audioflow.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.audioflow.AudioErrorKind;
import dev.audioflow.AudioException;
import dev.audioflow.jack.JackEvent;
import dev.audioflow.jack.MidiEvent;
import dev.audioflow.jack.MidiInputPort;
import dev.audioflow.jack.MidiOutputPort;
import dev.audioflow.jack.OwnPort;
import dev.audioflow.jack.PortFlag;
import dev.audioflow.jack.PortGraph;
import dev.audioflow.jack.PortType;
import dev.audioflow.jack.TransportState;
import dev.audioflow.jack.TransportStatus;
import dev.audioflow.testing.JackServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JACK and MIDI from Java through JackSession, against a real jackd -d dummy server this test starts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JackSessionJavaTest {
    private static JackServer server;
    private static ExecutorService listeners;

    @BeforeAll
    static void startServer() throws InterruptedException {
        String missing = JackServer.getMissingReason();
        if (missing != null && !JackServer.getRequired()) {
            System.err.println("*** SKIPPING JackSessionJavaTest: " + missing + " (set CI=true to make this a failure) ***");
            Assumptions.abort(missing);
        }
        server = JackServer.start();
        listeners = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (listeners != null) listeners.shutdownNow();
        if (server != null) server.close();
    }

    private static <T> T await(CopyOnWriteArrayList<T> seen, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (T value : seen) if (wanted.test(value)) return value;
            Thread.sleep(5);
        }
        throw new AssertionError("not seen within 10 s: " + seen);
    }

    @Test
    void portsConnectionsAndEventsWithoutKotlinDefaults() throws Exception {
        try (JackSession jack = JackSession.open("javapatch", server.getName())) {
            assertEquals(server.getName(), jack.getServerName());
            assertEquals(server.getSampleRate(), jack.getSampleRate());
            CopyOnWriteArrayList<JackEvent> events = new CopyOnWriteArrayList<>();
            CopyOnWriteArrayList<PortGraph> graphs = new CopyOnWriteArrayList<>();
            try (Registration e = jack.events().listen(listeners, events::add);
                 Registration g = jack.graph().listen(listeners, graphs::add)) {
                jack.activate();
                OwnPort out = jack.registerAudioOutput("out_1");
                OwnPort in = jack.registerAudioInput("in_1", PortFlag.Terminal);
                List<String> playback = jack.physicalPlaybackPorts();
                assertEquals(List.of("system:playback_1", "system:playback_2"), playback);
                assertEquals(List.of("system:capture_1", "system:capture_2"), jack.physicalCapturePorts());
                assertTrue(jack.ports().containsAll(List.of(out.getName(), in.getName())));
                assertEquals(List.of(out.getName()), jack.ports("javapatch.*:out_.*"));
                assertTrue(jack.ports(null, PortType.Midi).isEmpty());
                assertEquals(List.of(in.getName()), jack.ports("javapatch.*", PortType.Audio, Set.of(PortFlag.Input)));

                jack.connect(out, playback.get(0));
                assertTrue(out.isConnectedTo(playback.get(0)));
                await(events, ev -> ev instanceof JackEvent.PortConnected && ((JackEvent.PortConnected) ev).getSource().equals(out.getName()));
                await(graphs, graph -> graph.isConnected(out.getName(), playback.get(0)));
                jack.disconnect(out.getName(), playback.get(0));
                assertFalse(out.isConnectedTo(playback.get(0)));

                jack.rename(in, "input");
                assertTrue(in.getName().endsWith(":input"));
                jack.unregister(in);
                assertFalse(in.isRegistered());
                await(events, ev -> ev instanceof JackEvent.PortUnregistered);
                assertEquals(List.of(out), jack.getOwnedPorts());
            }
        }
    }

    @Test
    void anUnknownServerIsBackendUnavailable() {
        AudioException e = assertThrows(AudioException.class, () -> JackSession.open("nobody", "no-such-server-" + ProcessHandle.current().pid()));
        assertEquals(AudioErrorKind.BackendUnavailable, e.getKind());
    }

    @Test
    void transportIsAFeedOfStates() throws Exception {
        try (JackSession jack = JackSession.open("javatransport", server.getName())) {
            jack.activate();
            CopyOnWriteArrayList<TransportState> states = new CopyOnWriteArrayList<>();
            try (Registration r = jack.transport().listen(listeners, states::add)) {
                jack.locate(48_000);
                jack.startTransport();
                await(states, TransportState::isRolling);
                jack.stopTransport();
                await(states, s -> s.getStatus() == TransportStatus.Stopped && s.getFrame() >= 48_000);
            }
            assertTrue(jack.transport().latest() != null);
        }
    }

    @Test
    void audioThroughOwnPortsAsSignalsAndDuplex() throws Exception {
        try (JackSession jack = JackSession.open("javaaudio", server.getName())) {
            jack.activate();
            OwnPort out = jack.registerAudioOutput("out");
            OwnPort in = jack.registerAudioInput("in");
            OwnPort thru = jack.registerAudioOutput("thru");
            jack.connect(out, in);
            StreamWatch watch = new StreamWatch();
            CompletableFuture<Void> tone = jack.playAsync(Signal.sine(1_000.0, jack.format(1), 0.5f), List.of(out));
            float[] heard = jack.input(List.of(in), watch).skip(Duration.ofMillis(100)).limit(Duration.ofMillis(100)).toSamples();
            assertEquals(4_800, heard.length);
            float peak = 0f;
            for (float s : heard) peak = Math.max(peak, Math.abs(s));
            assertEquals(0.5f, peak, 0.01f, "the tone arrived through the connection");
            assertTrue(watch.stats().latest().getFramesIn() >= 9_600L);

            OwnPort back = jack.registerAudioInput("back");
            jack.connect(thru, back);
            CountDownLatch blocks = new CountDownLatch(10);
            CompletableFuture<Void> fx = jack.duplex(List.of(in), List.of(thru)).runAsync(signal -> signal.gain(0.5f).onBlock(b -> blocks.countDown()));
            assertTrue(blocks.await(10, TimeUnit.SECONDS));
            float[] processed = jack.input(List.of(back)).skip(Duration.ofMillis(50)).limit(Duration.ofMillis(100)).toSamples();
            float processedPeak = 0f;
            for (float s : processed) processedPeak = Math.max(processedPeak, Math.abs(s));
            assertEquals(0.25f, processedPeak, 0.01f, "the duplex played the input at half gain");
            fx.cancel(true);
            tone.cancel(true);
            assertTrue(tone.isCancelled());
        }
    }

    @Test
    void midiOutToMidiInAsAFeedAndAPublisher() throws Exception {
        try (JackSession jack = JackSession.open("javamidi", server.getName())) {
            jack.activate();
            MidiOutputPort out = jack.registerMidiOutput("midi_out");
            MidiInputPort in = jack.registerMidiInput("midi_in");
            jack.connect(out, in);
            assertEquals(List.of(out.getName(), in.getName()), jack.ports("javamidi.*", PortType.Midi));
            CopyOnWriteArrayList<MidiEvent> received = new CopyOnWriteArrayList<>();
            byte[] noteOn = {(byte) 0x90, 60, 100};
            try (Registration r = jack.midiEvents(in).listen(listeners, received::add)) {
                CompletableFuture<MidiEvent> second = new CompletableFuture<>();
                jack.midiEvents(in).publisher().subscribe(new FirstEvent(second));
                ExecutionException busy = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
                assertEquals(AudioErrorKind.DeviceBusy, ((AudioException) busy.getCause()).getKind());
                jack.send(out, new MidiEvent(0, noteOn));
                MidiEvent event = await(received, e -> true);
                assertArrayEquals(noteOn, event.getData());
            }
            CompletableFuture<MidiEvent> first = new CompletableFuture<>();
            jack.midiEvents(in).publisher().subscribe(new FirstEvent(first));
            byte[] noteOff = {(byte) 0x80, 60, 0};
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!first.isDone() && System.nanoTime() < deadline) {
                jack.send(out, new MidiEvent(0, noteOff));
                Thread.sleep(20);
            }
            assertArrayEquals(noteOff, first.get(1, TimeUnit.SECONDS).getData());
        }
    }

    /** Requests one event and completes [result] with it, or with the publisher's error. */
    private static final class FirstEvent implements Flow.Subscriber<MidiEvent> {
        private final CompletableFuture<MidiEvent> result;

        FirstEvent(CompletableFuture<MidiEvent> result) {
            this.result = result;
        }

        @Override public void onSubscribe(Flow.Subscription s) { s.request(1); }
        @Override public void onNext(MidiEvent e) { result.complete(e); }
        @Override public void onError(Throwable t) { result.completeExceptionally(t); }
        @Override public void onComplete() { }
    }
}
