package dev.audioflow.examples;

import dev.audioflow.AudioBackend;
import dev.audioflow.java.Audio;
import java.nio.file.Path;

/** The command line every example takes: {@code [--backend NAME] [--list-devices] [FILE]}. */
final class Options {
    final AudioBackend backend;
    final Path file;

    private Options(AudioBackend backend, Path file) {
        this.backend = backend;
        this.file = file;
    }

    static Options parse(String[] args, String defaultFile) {
        String backendName = null;
        Path file = Path.of(defaultFile);
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend") && i + 1 < args.length) backendName = args[++i];
            else if (args[i].equals("--list-devices")) list = true;
            else file = Path.of(args[i]);
        }
        AudioBackend backend = backendName == null ? Audio.defaultBackend() : Audio.backend(backendName);
        if (list) Devices.print(backend);
        return new Options(backend, file);
    }
}
