package dev.audioflow.soxr.internal

import com.sun.jna.IntegerType
import com.sun.jna.Native
import com.sun.jna.NativeLong
import com.sun.jna.Pointer
import com.sun.jna.Structure
import com.sun.jna.ptr.PointerByReference

/**
 * Direct-mapped (`Native.register`) libsoxr 0.1 functions (soxr.h).
 *
 * Only touch this object once [SoxrLibrary.library] is loaded: its initializer binds the natives
 * and would fail class initialisation when the library is missing. Widths: `unsigned long`
 * (recipes, flags) is [NativeLong]; `size_t` is [SizeT] by value and [Native.SIZE_T_SIZE] bytes
 * behind the `idone`/`odone` pointers; `soxr_error_t` is a static C string, null for no error.
 */
@Suppress("FunctionName")
internal object SoxrNative {
    init {
        SoxrLibrary.bind(SoxrNative::class.java)
    }

    @JvmStatic external fun soxr_version(): String?

    @JvmStatic external fun soxr_quality_spec(recipe: NativeLong, flags: NativeLong): SoxrQualitySpec.ByValue

    @JvmStatic external fun soxr_create(
        inputRate: Double,
        outputRate: Double,
        channels: Int,
        error: PointerByReference?,
        ioSpec: Pointer?,
        qualitySpec: SoxrQualitySpec?,
        runtimeSpec: Pointer?,
    ): Pointer?

    @JvmStatic external fun soxr_process(
        resampler: Pointer,
        input: Pointer?,
        inputFrames: SizeT,
        inputDone: Pointer?,
        output: Pointer,
        outputFrames: SizeT,
        outputDone: Pointer,
    ): String?

    @JvmStatic external fun soxr_engine(resampler: Pointer): String?

    @JvmStatic external fun soxr_delete(resampler: Pointer)

    /** `SOXR_QQ`, `SOXR_LQ`, `SOXR_MQ`, `SOXR_HQ` (20-bit), `SOXR_VHQ` (28-bit). */
    const val SOXR_QQ = 0L
    const val SOXR_LQ = 1L
    const val SOXR_MQ = 2L
    const val SOXR_HQ = 4L
    const val SOXR_VHQ = 6L
}

/** C `size_t`, for by-value arguments. */
internal class SizeT @JvmOverloads constructor(value: Long = 0) : IntegerType(Native.SIZE_T_SIZE, value, true) {
    override fun toByte(): Byte = toLong().toByte()

    override fun toShort(): Short = toLong().toShort()

    override fun toString(): String = toLong().toString()
}

/** `soxr_quality_spec_t`, as `soxr_quality_spec()` fills it in. */
@Structure.FieldOrder("precision", "phaseResponse", "passbandEnd", "stopbandBegin", "e", "flags")
internal open class SoxrQualitySpec : Structure() {
    @JvmField var precision: Double = 0.0
    @JvmField var phaseResponse: Double = 0.0
    @JvmField var passbandEnd: Double = 0.0
    @JvmField var stopbandBegin: Double = 0.0
    @JvmField var e: Pointer? = null
    @JvmField var flags: NativeLong = NativeLong(0)

    /** The by-value return type of `soxr_quality_spec`. */
    class ByValue : SoxrQualitySpec(), Structure.ByValue
}
