@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow

/**
 * One input of [mix]: a [flow] and the [gain] its samples are scaled by before they are summed,
 * so a gain can never be paired with the wrong flow.
 *
 * An immutable value; the flow is collected only when the mix is.
 *
 * ```
 * mix(sine(440.0, fmt) withGain 0.5f, sine(660.0, fmt) withGain 0.25f)
 * ```
 *
 * @property flow the signal to mix.
 * @property gain the linear factor applied to [flow]'s samples (1 leaves them unchanged, 0
 *   silences them, a negative gain inverts them).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a [gain] that is
 *   not finite, naming it.
 */
public class MixInput @JvmOverloads constructor(public val flow: Flow<FloatBlock>, public val gain: Float = 1f) {
    init {
        AudioException.require(gain.isFinite()) { "mix input gain must be finite, was $gain" }
    }

    override fun toString(): String = "MixInput(gain=$gain)"
}

/**
 * This flow as an input of [mix] scaled by [gain]; see [MixInput].
 *
 * ```
 * voice.mixWith(music withGain 0.3f)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a [gain] that is
 *   not finite, naming it.
 */
public infix fun Flow<FloatBlock>.withGain(gain: Float): MixInput = MixInput(this, gain)
