package dev.audioflow.soxr

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.soxr.internal.SoxrLibrary
import dev.audioflow.soxr.internal.SoxrNative
import dev.audioflow.soxr.internal.SoxrResampler
import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resampler
import dev.audioflow.spi.ResamplerProvider
import dev.audioflow.spi.jna.JnaLibrary

/**
 * libsoxr, the SoX resampler library, as the high-quality [ResamplerProvider] (`soxr`): with
 * this jar on the class path and libsoxr installed (Debian `libsoxr0`), `resample(rate)` and a
 * device stream's rate conversion use it; without the library it reports itself unavailable and
 * the hand-written polyphase resampler of `flow-operators` is used instead.
 *
 * Each [ResampleQuality] is the libsoxr recipe of the same name (`SOXR_QQ` ... `SOXR_VHQ`),
 * linear phase, one thread per stream; libsoxr compensates its filter delay, so outputs stay
 * aligned with the polyphase resampler's frame for frame. Measured against it by
 * `benchmarks/resampler-quality` (figures in the README): at `HIGH`, flat within ±0.007 dB to
 * 0.9 × the lower Nyquist frequency, aliasing and images at -131 to -134 dB, THD+N of a 1 kHz
 * tone -134 to -137 dB, and 3.3 to 6.6 times the polyphase resampler's throughput; `VERY_HIGH`
 * reaches -150 dB at 2 to 4.5 times. `LOW` and `QUICK` roll off early (`LOW` is -20 dB at 0.9 fN)
 * and `QUICK` does not filter aliasing: use them only where that is acceptable.
 *
 * ```
 * wavFile(path).resample(48_000, ResampleQuality.VERY_HIGH, SoxrResamplerProvider())
 * Resamplers.best()      // this provider, when libsoxr is installed
 * ```
 *
 * Thread-safe; each [Resampler] it creates serves one stream. Nothing here runs on a realtime
 * thread: resamplers allocate their output.
 */
@OptIn(DelicateAudioApi::class)
public class SoxrResamplerProvider() : ResamplerProvider {
    /** The system libsoxr (or the file named by `-Daudioflow.soxr.library`); tests give a missing one. */
    private var library: JnaLibrary = SoxrLibrary.library

    /** A provider over [library] instead of the system libsoxr, for tests of a missing library. */
    internal constructor(library: JnaLibrary) : this() {
        this.library = library
    }

    override val name: String get() = SoxrLibrary.NAME

    /** Above the polyphase resampler's 0: preferred whenever libsoxr is installed. */
    override val priority: Int get() = 100

    override val isAvailable: Boolean get() = library.isLoaded

    override val unavailableReason: String? get() = library.loadError

    /** libsoxr's version (`libsoxr-0.1.3`), or null when it is not available. */
    public val version: String? get() = if (isAvailable) SoxrNative.soxr_version() else null

    /**
     * A libsoxr stream resampler at [quality]'s recipe.
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] naming libsoxr and how to install
     *   it when the library is missing; [AudioErrorKind.InvalidArgument] for bad rates or channels;
     *   [AudioErrorKind.UnsupportedFormat] when libsoxr refuses the conversion.
     */
    override fun create(sourceRate: Int, targetRate: Int, channels: Int, quality: ResampleQuality): Resampler {
        if (!isAvailable) throw AudioException(AudioErrorKind.BackendUnavailable, unavailableReason!!, backend = name)
        return SoxrResampler(sourceRate, targetRate, channels, quality)
    }

    override fun toString(): String = "SoxrResamplerProvider(${if (isAvailable) version else "unavailable"})"
}
