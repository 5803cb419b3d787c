package dev.audioflow.spi

import dev.audioflow.BlockStatus
import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: the status bits a backend passes as `nativeFlags` to [RealtimeEndpoint.process]
 * (and its native-address variants) for what it observed in a cycle, and to
 * [RealtimeEndpoint.reportAsync] from a non-realtime thread. They reach applications as the
 * properties of [BlockStatus] ([BlockStatus.inputOverflow] and so on), never as bits.
 *
 * Constants only; usable from any thread, the realtime one included.
 *
 * ```
 * if (paFlags and paInputOverflow != 0L) flags = flags or StatusFlags.INPUT_OVERFLOW
 * endpoint.processNative(input, output, frames, flags, timeNanos)
 * ```
 */
@DelicateAudioApi
public object StatusFlags {
    /** Input overflow: frames captured by the device were dropped ([BlockStatus.inputOverflow]). */
    public const val INPUT_OVERFLOW: Int = 1

    /** Input underflow: the device inserted silence into the input ([BlockStatus.inputUnderflow]). */
    public const val INPUT_UNDERFLOW: Int = 2

    /** Output underflow: the device played silence for missing output ([BlockStatus.outputUnderflow]). */
    public const val OUTPUT_UNDERFLOW: Int = 4

    /** Output overflow: output frames were discarded ([BlockStatus.outputOverflow]). */
    public const val OUTPUT_OVERFLOW: Int = 8

    /** Priming output: the callback is filling output buffers before the stream starts ([BlockStatus.primingOutput]). */
    public const val PRIMING_OUTPUT: Int = 16

    /** The audio server reported an xrun ([BlockStatus.xrun]). */
    public const val XRUN: Int = 32

    /** Every defined bit; others are ignored. */
    public const val ALL: Int = 63
}
