package dev.audioflow.java;

import dev.audioflow.AudioDevice;
import dev.audioflow.AudioFormat;
import dev.audioflow.FloatBlock;
import dev.audioflow.SampleFormat;
import dev.audioflow.StreamConfig;
import dev.audioflow.jack.JackPort;
import dev.audioflow.jack.MidiEvent;
import dev.audioflow.jack.MidiOutputPort;
import dev.audioflow.jack.OwnPort;
import dev.audioflow.sndfile.AudioMetadata;
import dev.audioflow.sndfile.FileFormat;
import dev.audioflow.sndfile.FileSubtype;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Compiled, never run: every blocking call of the facade inside its own
 * {@code try { ... } catch (InterruptedException e)}. javac rejects a catch of a checked
 * exception the try cannot throw, so the build fails as soon as one of these calls no longer
 * declares {@code throws InterruptedException}. {@link #closeDeclaresNoInterruptedException}
 * fails to compile if a {@code close()} declares it (try-with-resources would force every
 * caller to handle it). The runtime behaviour is InterruptSpec's.
 */
@SuppressWarnings("unused")
final class InterruptDeclarations {
    private InterruptDeclarations() {}

    static void audio(float[] samples, AudioFormat format, AudioDevice device, Path path, AudioClip clip,
                      Flow.Publisher<FloatBlock> publisher, StreamConfig config) {
        try { Audio.play(samples, format); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.play(samples, format, device); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.play(samples, format, device, 256); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.play(publisher, config); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.play(publisher, config, device); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.record(1, format); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.record(1, format, device); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.record(1, format, device, 256); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.playRecord(samples, format, 1); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.playRecord(samples, format, 1, device); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.playRecord(samples, format, 1, device, 256); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.playWav(path); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.playWav(path, device); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.readWav(path); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.writeWav(path, samples, format); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.writeWav(path, samples, format, SampleFormat.INT16); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.writeWav(path, clip); } catch (InterruptedException e) { interrupted(e); }
        try { Audio.writeWav(path, clip, SampleFormat.INT16); } catch (InterruptedException e) { interrupted(e); }
    }

    static void streams(AudioInput input, AudioOutput output, AudioStream stream, CallbackInput callbackInput,
                        CallbackStream callbackStream, FloatBlock block, float[] samples) {
        try { input.read(); } catch (InterruptedException e) { interrupted(e); }
        try { input.read(samples); } catch (InterruptedException e) { interrupted(e); }
        try { input.poll(1, TimeUnit.SECONDS); } catch (InterruptedException e) { interrupted(e); }
        try { output.write(block); } catch (InterruptedException e) { interrupted(e); }
        try { output.write(samples); } catch (InterruptedException e) { interrupted(e); }
        try { output.write(samples, 0, 1); } catch (InterruptedException e) { interrupted(e); }
        try { stream.awaitCompletion(); } catch (InterruptedException e) { interrupted(e); }
        try { stream.awaitCompletion(1, TimeUnit.SECONDS); } catch (InterruptedException e) { interrupted(e); }
        try { callbackInput.awaitCompletion(); } catch (InterruptedException e) { interrupted(e); }
        try { callbackStream.awaitCompletion(1, TimeUnit.SECONDS); } catch (InterruptedException e) { interrupted(e); }
    }

    static void soundFiles(Path path, AudioClip clip, Flow.Publisher<FloatBlock> publisher, AudioDevice device) {
        try { SoundFiles.read(path); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, clip); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, clip, FileFormat.FLAC); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, clip, FileFormat.FLAC, FileSubtype.PCM_16); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, clip, FileFormat.FLAC, FileSubtype.PCM_16, AudioMetadata.EMPTY); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, publisher); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, publisher, FileFormat.FLAC); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, publisher, FileFormat.FLAC, FileSubtype.PCM_16); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.write(path, publisher, FileFormat.FLAC, FileSubtype.PCM_16, AudioMetadata.EMPTY); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.play(path); } catch (InterruptedException e) { interrupted(e); }
        try { SoundFiles.play(path, device); } catch (InterruptedException e) { interrupted(e); }
    }

    static void pipelines(Signal signal, Duplex duplex, AudioDevice device, StreamConfig config, StreamWatch watch, Path path) {
        try { signal.play(device); } catch (InterruptedException e) { interrupted(e); }
        try { signal.play(device, config); } catch (InterruptedException e) { interrupted(e); }
        try { signal.play(device, config, watch); } catch (InterruptedException e) { interrupted(e); }
        try { signal.writeWav(path); } catch (InterruptedException e) { interrupted(e); }
        try { signal.writeWav(path, SampleFormat.INT16); } catch (InterruptedException e) { interrupted(e); }
        try { signal.toSamples(); } catch (InterruptedException e) { interrupted(e); }
        try { duplex.run(in -> in); } catch (InterruptedException e) { interrupted(e); }
        try { duplex.run((in, out) -> { }); } catch (InterruptedException e) { interrupted(e); }
    }

    static void jack(JackSession jack, JackPort source, JackPort destination, OwnPort own, MidiOutputPort midi, MidiEvent event,
                     Signal signal, StreamWatch watch) {
        try { jack.connect("a:out", "b:in"); } catch (InterruptedException e) { interrupted(e); }
        try { jack.connect(source, destination); } catch (InterruptedException e) { interrupted(e); }
        try { jack.connect(source, "b:in"); } catch (InterruptedException e) { interrupted(e); }
        try { jack.disconnect("a:out", "b:in"); } catch (InterruptedException e) { interrupted(e); }
        try { jack.disconnect(source, destination); } catch (InterruptedException e) { interrupted(e); }
        try { jack.disconnect(source, "b:in"); } catch (InterruptedException e) { interrupted(e); }
        try { jack.unregister(own); } catch (InterruptedException e) { interrupted(e); }
        try { jack.send(midi, event); } catch (InterruptedException e) { interrupted(e); }
        try { jack.play(signal, List.of(own)); } catch (InterruptedException e) { interrupted(e); }
        try { jack.play(signal, List.of(own), watch); } catch (InterruptedException e) { interrupted(e); }
    }

    /** No catch, no throws: compiles only while no close() below declares InterruptedException. */
    static void closeDeclaresNoInterruptedException(AudioDevice device, StreamConfig config, Feed<String> feed) {
        try (AudioInput input = Audio.openInput(device, config);
             AudioOutput output = Audio.openOutput(device, config);
             CallbackInput callbackInput = Audio.openInput(device, config, block -> { });
             CallbackStream callbackStream = Audio.openOutput(device, config, (buffer, frames) -> 0);
             Registration registration = feed.listen(Runnable::run, value -> { });
             JackSession jack = JackSession.open("declarations")) {
            output.abort();
        }
    }

    private static void interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
    }
}
