package dev.audioflow.java

import dev.audioflow.AudioDevice
import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import dev.audioflow.flow.asAudioFlow
import dev.audioflow.flow.toSamples
import dev.audioflow.playOn
import dev.audioflow.sndfile.AudioFileInfo
import dev.audioflow.sndfile.AudioMetadata
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.sndfile.audioFile
import dev.audioflow.sndfile.audioFileInfo
import dev.audioflow.sndfile.writeAudioFile
import kotlinx.coroutines.jdk9.asFlow
import kotlinx.coroutines.jdk9.asPublisher
import java.nio.file.Path
import java.util.concurrent.Flow.Publisher

/**
 * Audio files in every format libsndfile reads and writes (WAV, RF64, FLAC, Ogg Vorbis, Opus,
 * MP3, AIFF, CAF...; see `audioflow-sndfile`), for Java: whole files as [AudioClip]s, streams as
 * [Publisher]s that [Audio.play] plays and [write] writes, so a file of any length is read or
 * recorded in constant memory. The format comes from the file's extension unless given.
 *
 * ```java
 * AudioClip clip = SoundFiles.read(Path.of("take.flac"));
 * SoundFiles.write(Path.of("take.ogg"), clip);
 * SoundFiles.write(Path.of("live.flac"), Audio.publisher(mic, config), FileFormat.FLAC, FileSubtype.PCM_24);
 * ```
 *
 * Thread: every method blocks the calling thread until its file is read, written or played.
 * They may be interrupted: the file is then closed (its header finished) and
 * [InterruptedException] thrown.
 *
 * Errors: [AudioException] with [dev.audioflow.AudioErrorKind.BackendUnavailable] naming
 * libsndfile when it is not installed; [dev.audioflow.AudioErrorKind.UnsupportedFormat] or
 * [dev.audioflow.AudioErrorKind.InvalidArgument] naming the file for unreadable, truncated or
 * unknown files and for combinations libsndfile cannot write.
 */
public object SoundFiles {
    private const val FILE = "file"
    private const val PLAY = "play"

    /**
     * The header of the file at [path]: format, encoding, rate, channels, length, metadata.
     *
     * @throws AudioException naming the file when it cannot be read.
     */
    @JvmStatic
    public fun info(path: Path): AudioFileInfo = audioFileInfo(path)

    /**
     * Reads the whole file at [path] into memory (use [publisher] for long files).
     *
     * @throws AudioException naming the file when it cannot be read or is truncated.
     * @throws InterruptedException if interrupted; the file is closed.
     */
    @JvmStatic
    @Throws(InterruptedException::class)
    public fun read(path: Path): AudioClip = StreamFuture.run(FILE) { AudioClip(audioFileInfo(path).audioFormat, audioFile(path).toSamples()) }

    /**
     * The samples of the file at [path] as a cold publisher of blocks: at most [maxFrames]
     * frames from frame [startFrame], read as they are requested (constant memory).
     *
     * ```java
     * Audio.play(SoundFiles.publisher(Path.of("concert.flac")), config, speaker);
     * ```
     *
     * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative
     *   [startFrame] or [maxFrames]; the file's errors reach the subscriber.
     */
    @JvmStatic
    @JvmOverloads
    public fun publisher(path: Path, startFrame: Long = 0, maxFrames: Long = Long.MAX_VALUE): Publisher<FloatBlock> =
        audioFile(path, startFrame, maxFrames).asPublisher()

    /**
     * Writes [clip] to [path] as [format] with samples stored as [subtype] (by default the
     * extension's: `.flac` 16-bit FLAC, `.ogg` Vorbis...) and [metadata]; returns the frames
     * written.
     *
     * @throws AudioException for a combination libsndfile cannot write, metadata the format
     *   cannot hold, or an I/O failure, naming the file.
     * @throws InterruptedException if interrupted; the file is closed with what was written so far.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun write(
        path: Path,
        clip: AudioClip,
        format: FileFormat = FileFormat.of(path),
        subtype: FileSubtype = format.defaultSubtype(path),
        metadata: AudioMetadata = AudioMetadata.EMPTY,
    ): Long = StreamFuture.run(FILE) { clip.samples.asAudioFlow(clip.format).writeAudioFile(path, format, subtype, metadata, clip.format) }

    /**
     * Writes every block [publisher] emits to [path] until it completes (a recording from
     * [Audio.publisher], a file from [SoundFiles.publisher]); returns the frames written. The
     * header is kept current while writing in formats that have a length in it.
     *
     * @throws AudioException as the array overload, and for blocks whose format changes; the
     *   publisher's own error otherwise (wrapped in [CallbackException] when it is checked).
     * @throws InterruptedException if interrupted; the subscription is cancelled and the file
     *   closed with what was written so far.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun write(
        path: Path,
        publisher: Publisher<FloatBlock>,
        format: FileFormat = FileFormat.of(path),
        subtype: FileSubtype = format.defaultSubtype(path),
        metadata: AudioMetadata = AudioMetadata.EMPTY,
    ): Long = StreamFuture.run(FILE) { publisher.asFlow().writeAudioFile(path, format, subtype, metadata) }

    /**
     * Plays the file at [path] on [device] (the default output device when omitted) at the
     * file's own rate and channels, blocking until it has been played.
     *
     * @throws AudioException for an unreadable file, a format the device does not take, or a
     *   device failure.
     * @throws InterruptedException if interrupted; playback stops and the device is closed.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(InterruptedException::class)
    public fun play(path: Path, device: AudioDevice = Audio.defaultBackend().defaultOutputDevice()) {
        StreamFuture.run(PLAY) { audioFile(path).playOn(device) }
    }
}
